"""The PySide6 front end: widgets and Qt models over the Qt-free core.

Entry point: `unidoreader.gui.app.run(args)`. Long work (loading the library,
parsing, indexing, searching) runs on one background lane (`lane.Lane`) and comes
back to the GUI thread by queued signal, so the window never freezes.
"""
