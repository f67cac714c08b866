"""PDF documents (activity plan, cooperation agreement, minutes, agenda) built with reportlab Platypus.

Nothing here imports reportlab at package import time: the GUI starts without it,
and the modules that render import it when a document is made.
"""
