"""The blank template of a kind of list: its columns in Vietnamese, one example row, drop-downs for the
coded columns (their values on a sheet of their own), the ID column formatted as text, and a sheet of
instructions."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .kinds import Kind

TEXT_COLUMNS = {"citizen_id", "phone", "commune"}


def template_bytes(kind: Kind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append([c.label + (" (*)" if c.required else "") for c in kind.columns])
    for row in kind.example:
        sheet.append(list(row))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = bold, fill
        header.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[letter].width = max(14, min(32, len(column.label) + 4))
        if column.key in TEXT_COLUMNS:  # the whole column is text: Excel keeps an ID's leading zero
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, 2 + len(kind.example)):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    if kind.choices:
        lists = book.create_sheet("Danh mục")
        target = 0
        for index, column in enumerate(kind.columns, start=1):
            values = kind.choices.get(column.key)
            if not values:
                continue
            target += 1
            lists.cell(row=1, column=target, value=column.label).font = bold
            for row, value in enumerate(values, start=2):
                lists.cell(row=row, column=target, value=value)
            letter = get_column_letter(target)
            validation = DataValidation(type="list", formula1=f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}",
                                        allow_blank=True, showErrorMessage=True,
                                        errorTitle=column.label, error=f"Chọn {column.label.lower()} trong danh sách.")
            sheet.add_data_validation(validation)
            column_letter = get_column_letter(index)
            validation.add(f"{column_letter}2:{column_letter}100000")
    guide = book.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    guide.append([f"Mẫu nhập danh sách: {kind.label}"])
    guide["A1"].font = Font(bold=True, size=13)
    for line in kind.instructions:
        guide.append([line])
        guide.cell(row=guide.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    guide.append([])
    guide.append(["Các cột (dấu * là bắt buộc), và các tên cột khác cũng được nhận:"])
    for column in kind.columns:
        guide.append([f"• {column.label}{' (*)' if column.required else ''}: " + ", ".join(column.headers)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
