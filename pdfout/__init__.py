"""PDF output through Qt (QtGui/QtCore only): the one piece of Qt the CLI touches.

The core imports this lazily inside its export function, so importing
`expertise` never loads Qt (tests/test_layering.py).
"""

from pdfout.writer import PdfSection, PdfSpec, gui_application, section_pages, write_pdf

__all__ = ["PdfSection", "PdfSpec", "gui_application", "section_pages", "write_pdf"]
