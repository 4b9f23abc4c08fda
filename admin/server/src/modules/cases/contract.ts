// The console's case-list contract lives in @kiosk/shared (admin/web uses it too).
export { CaseListQuerySchema, CaseSummarySchema, CaseListSchema, type CaseList } from '@kiosk/shared';
