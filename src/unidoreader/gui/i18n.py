"""UI language: English source strings, translated to Chinese (the default) by a .qm
catalogue compiled from resources/translations/unidoreader_zh_CN.ts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from unidoreader import paths

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []
_generation = 0  # counts set_language calls: what a window was translated for


def generation() -> int:
    """Changes whenever `set_language` installs a language: a widget that retranslated
    for the current one can skip the LanguageChange event that follows."""
    return _generation


def translations_dir():
    return paths.resources_dir() / "translations"


def set_language(language: str) -> bool:
    """Install the translators for `language` ("en" removes them). Widgets retranslate
    on the LanguageChange event that this sends. Returns False if the catalogue is missing."""
    global _generation
    _generation += 1
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    ok = ours.load(str(translations_dir() / f"unidoreader_{language}.qm"))
    if ok:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings (standard dialogs, context menus)
    if qt.load(f"qtbase_{language}", qt_translations_dir()):
        app.installTranslator(qt)
        _installed.append(qt)
    extra = QTranslator(app)  # what Qt's catalogue lacks (searched before it: installed later)
    if extra.load(str(translations_dir() / f"qt_extra_{language}.qm")):
        app.installTranslator(extra)
        _installed.append(extra)
    return ok


def qt_translations_dir() -> str:
    """Where Qt's own catalogues are: Qt's translations folder (PySide6/Qt/translations,
    also in the bundle). Only `qtbase_*` is loaded: `qt_*` is a meta catalogue that
    also names qtmultimedia_* and others PySide6-Essentials does not ship, and Qt then
    loads none of it (its dialogs stayed English)."""
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if directory and Path(directory, "qtbase_zh_CN.qm").is_file():
        return directory
    import PySide6

    return str(Path(PySide6.__file__).parent / "Qt" / "translations")
