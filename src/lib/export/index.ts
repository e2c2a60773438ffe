export { columnsOf, guardFormula, toCsv, toCsvBytes, type ExportCell, type ExportRow } from './csv';
export { exportFileName, safeNamePart, type FileNameParts } from './filename';
export { toXlsx, type XlsxOptions } from './xlsx';
