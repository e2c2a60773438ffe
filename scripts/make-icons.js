// Draws the app icons (a white house on dark blue) as PNGs, so no image tool is needed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc = (buf) => {
	let c = 0xffffffff;
	for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type), data]);
	const sum = Buffer.alloc(4);
	sum.writeUInt32BE(crc(body));
	return Buffer.concat([len, body, sum]);
};

function icon(size) {
	const rows = [];
	for (let y = 0; y < size; y++) {
		const row = [0];
		for (let x = 0; x < size; x++) {
			const u = x / size,
				v = y / size;
			const roof = v >= 0.22 && v <= 0.48 && Math.abs(u - 0.5) <= (v - 0.22) * 1.25;
			const wall = v > 0.46 && v <= 0.8 && u >= 0.27 && u <= 0.73;
			const door = v > 0.6 && v <= 0.8 && u >= 0.44 && u <= 0.56;
			const white = (roof || wall) && !door;
			row.push(...(white ? [255, 255, 255] : [15, 23, 42]));
		}
		rows.push(Buffer.from(row));
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

for (const size of [192, 512]) writeFileSync(`static/icon-${size}.png`, icon(size));
