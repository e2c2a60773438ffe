/** The long side a photo keeps: a receipt stays readable, a door recognisable, at ~100–200 KB. */
export const PHOTO_LONG_SIDE = 1280;
export const PHOTO_QUALITY = 0.7;
/** The server refuses more (server/photos); a busy picture is encoded again, coarser. */
export const PHOTO_MAX_BYTES = 1024 * 1024;

/** The size a picture is drawn at: its long side at most `max`, its shape kept, never enlarged. */
export function fitWithin(width: number, height: number, max = PHOTO_LONG_SIDE): { width: number; height: number } {
	if (!(width > 0 && height > 0)) throw new RangeError('a picture has a size');
	const scale = Math.min(1, max / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encode(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
	if (typeof OffscreenCanvas !== 'undefined') {
		const canvas = new OffscreenCanvas(width, height);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no 2d canvas');
		ctx.drawImage(bitmap, 0, 0, width, height);
		return canvas.convertToBlob({ type: 'image/jpeg', quality });
	}
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2d canvas');
	ctx.drawImage(bitmap, 0, 0, width, height);
	return new Promise((resolve, reject) =>
		canvas.toBlob(
			(b) => (b ? resolve(b) : reject(new Error('the picture could not be encoded'))),
			'image/jpeg',
			quality
		)
	);
}

/**
 * The camera's picture made small on the phone, as a JPEG: the camera's own orientation
 * applied, the long side at most PHOTO_LONG_SIDE. Throws when the file is not a picture.
 */
export async function downscale(file: Blob): Promise<Blob> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	try {
		const { width, height } = fitWithin(bitmap.width, bitmap.height);
		let out = await encode(bitmap, width, height, PHOTO_QUALITY);
		if (out.size > PHOTO_MAX_BYTES) out = await encode(bitmap, width, height, 0.4);
		if (out.size > PHOTO_MAX_BYTES) throw new Error('the picture is too large');
		return out;
	} finally {
		bitmap.close();
	}
}
