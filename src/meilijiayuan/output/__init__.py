"""Output: files mljy writes besides the terminal (workbook templates here)."""
