/** What `awscreds export --format` can print: a shell block (the default), JSON or dotenv lines. */
export const EXPORT_FORMATS = ['shell', 'json', 'dotenv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
