import { Router } from 'express';

/**
 * The Excel workbook part of the fake Microsoft Graph: the workbooks it serves, by drive
 * item. The Graph server mounts `excelRouter` below its version root, after its token check.
 * (A placeholder: the Microsoft 365 source's helper fills it in.)
 */
export interface ExcelState {
  placeholder?: true;
}

export function createExcelState(): ExcelState {
  return {};
}

export function excelRouter(_state: ExcelState): Router {
  return Router();
}
