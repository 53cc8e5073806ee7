// The OpenAPI text of the ledger routes, kept beside the controller so that it stays readable.
import { XLSX_TYPE } from './ledger-body';

const KINDS =
  'applications 依申请公开登记台账 (one row per application), documents 规章和行政规范性文件, decisions 行政许可/处罚/强制 (one row per month and kind with a count), fees 行政事业性收费, publications 主动公开, cases 行政复议、行政诉讼.';

export const ledgerDocs = {
  template: {
    summary: 'A blank ledger to fill in (.xlsx)',
    description: `One sheet with Chinese headings, one example row, drop-down lists for every coded column, a frozen header and date columns formatted as dates. Any valid token. Kinds: ${KINDS} Columns and accepted values: docs/ledgers.md.`,
  },
  download: {
    summary: "The org's ledger as stored (JSON, or .xlsx with the suffix .xlsx or Accept: " + XLSX_TYPE + ')',
    description:
      'Read from the org’s stored events (voided ones left out) in the layout of the template, so a clerk can download, edit and upload it again: rows left as they are come back unchanged. ' +
      'With year, the rows whose date of record (received, issued, month, collected, posted, filed) lies in that year. ' +
      'JSON: { kind, year, columns: [ { key, label, type, codes? } ], rows: [ { key: value } ] } with the contract’s codes and YYYY-MM-DD dates. Same access as reading the org.',
  },
  upload: {
    summary: 'Upload a ledger (.xlsx, at most 10 MiB)',
    description:
      'The body is the workbook itself (Content-Type ' +
      XLSX_TYPE +
      '); its first visible sheet is read, headings matched by name. ' +
      'Dates may be Excel dates, 2025-03-14, 2025/3/14 or 2025年3月14日; coded cells take the drop-down’s Chinese label or the contract’s code; spaces are trimmed; empty rows are skipped. ' +
      'Every row is checked first: a workbook with any bad cell stores nothing and the 422 lists every bad cell. ' +
      'Rows become the contract’s events (ids derived inside the org from the row) and are appended like POST /v1/events, in one transaction. ' +
      'A row already stored as it is counts as unchanged; a row with later steps filled in records only those (accepted); a row whose earlier values changed is corrected: its stored events are voided (EventVoided) and the row recorded afresh. Rows missing from the workbook are left as they are. ' +
      'dryRun=1 checks and counts without storing. A submitter token of the org, or admin.',
  },
  uploaded: {
    status: 200,
    description: '{ rows, accepted, unchanged, corrected, lastPosition }',
    schema: { example: { rows: 120, accepted: 3, unchanged: 116, corrected: 1, lastPosition: 48213 } },
  },
  notXlsx: {
    status: 415,
    description: 'not an .xlsx workbook (an .xls or .csv, judged by content)',
    schema: {
      example: {
        error: {
          code: 'ledger.notXlsx',
          message:
            '上传的文件是旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx 工作簿。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再上传。',
          details: [],
        },
      },
    },
  },
  invalid: {
    status: 422,
    description: 'bad cells, each with sheet, row and column; nothing stored',
    schema: {
      example: {
        error: {
          code: 'ledger.invalid',
          message:
            '台账有2处需要修改（第7行「办结日期」早于「收到日期」等2处），没有保存任何记录。请改正后重新上传。',
          details: [
            {
              sheet: '依申请公开登记台账',
              row: 7,
              column: '办结日期',
              message: '第7行「办结日期」早于「收到日期」',
            },
            {
              sheet: '依申请公开登记台账',
              row: 9,
              column: '申请人类型',
              message:
                '第9行「申请人类型」“个人”不是可选的值，请从下拉列表中选择：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他',
            },
          ],
        },
      },
    },
  },
};
