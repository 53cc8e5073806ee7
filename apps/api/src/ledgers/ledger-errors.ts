import { AppError, ErrorDetail } from '@app/config';
import { CellProblem } from '@app/ledgers';

const SAVE_AS = '请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再上传。';

export const notXlsx = (what: string) =>
  new AppError(415, 'ledger.notXlsx', `上传的文件是${what}，不是 .xlsx 工作簿。${SAVE_AS}`);

/**
 * A workbook with bad cells: every one of them, each naming its sheet, row and column. The
 * details carry sheet/row/column instead of an event index, since a clerk fixes a sheet.
 */
export function ledgerInvalid(problems: CellProblem[], status = 422, code = 'ledger.invalid'): AppError {
  const first = problems[0];
  const more = problems.length > 1 ? `等${problems.length}处` : '';
  return new AppError(
    status,
    code,
    `台账有${problems.length}处需要修改（${first.message}${more}），没有保存任何记录。请改正后重新上传。`,
    problems as unknown as ErrorDetail[],
  );
}
