<?xml version='1.0' encoding='utf-8'?>
<!-- Qt's own strings that Qt's Chinese catalogue (qtbase_zh_CN.qm) lacks for Qt 6; loaded
     after it by gui/i18n.py. Edit by hand; compile with pyside6-lrelease (see README.md). -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
