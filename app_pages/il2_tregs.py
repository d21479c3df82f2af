from ui.layout import page_heading

page_heading("il2-tregs")
