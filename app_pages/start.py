from ui.layout import page_heading

page_heading("start")
