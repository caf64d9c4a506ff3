// Spreadsheet import and export live here.
