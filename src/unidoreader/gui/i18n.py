"""UI language: English source strings, translated to Chinese (the default) by a .qm
catalogue compiled from resources/translations/unidoreader_zh_CN.ts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from unidoreader import paths

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def translations_dir():
    return paths.resources_dir() / "translations"


def set_language(language: str) -> bool:
    """Install the translators for `language` ("en" removes them). Widgets retranslate
    on the LanguageChange event that this sends. Returns False if the catalogue is missing."""
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
    if qt.load(f"qt_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok
