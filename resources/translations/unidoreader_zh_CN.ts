<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BookmarksFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="38" />
        <source>&amp;Bookmark this place</source>
        <translation>为此处添加书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="39" />
        <source>&amp;Note on this paragraph…</source>
        <translation>为此段添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="74" />
        <source>Bookmarked: %1</source>
        <translation>已添加书签：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="81" />
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="81" />
        <source>Your note on this paragraph (empty removes it):</source>
        <translation>您对此段的笔记（留空即删除）：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="89" />
        <source>Note saved</source>
        <translation>笔记已保存</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="89" />
        <source>Note removed</source>
        <translation>笔记已删除</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="107" />
        <source>Remove bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="111" />
        <source>Notes</source>
        <translation>注释</translation>
    </message>
</context>
<context>
    <name>HelpFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="26" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="27" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="31" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="36" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="36" />
        <source>UNIDO Reports Reader %1
Reads, searches and prints the reports of UNIDO's governing bodies, offline.</source>
        <translation>工发组织报告阅读器 %1
离线阅读、搜索和打印工发组织理事机构的报告。</translation>
    </message>
</context>
<context>
    <name>ImportFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="34" />
        <source>&amp;Import reports…</source>
        <translation>导入报告(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="40" />
        <source>Import reports</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="40" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="57" />
        <source>Imported %1 report(s); %2 already in the library</source>
        <translation>已导入 %1 份报告；%2 份已在文库中</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="61" />
        <location filename="../../src/unidoreader/gui/features/importing.py" line="63" />
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="61" />
        <source>Nothing was imported.</source>
        <translation>未导入任何文件。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="65" />
        <source>Importing %1 file(s)…</source>
        <translation>正在导入 %1 个文件…</translation>
    </message>
</context>
<context>
    <name>LibraryFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="40" />
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="41" />
        <source>Go to the library</source>
        <translation>转到文库</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="47" />
        <source>Open in a new &amp;pane</source>
        <translation>在新窗格中打开(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="48" />
        <source>&amp;Remove from the library…</source>
        <translation>从文库中删除(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="67" />
        <source>Remove report</source>
        <translation>删除报告</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="67" />
        <source>Remove “%1” from the library?</source>
        <translation>从文库中删除“%1”？</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="79" />
        <source>Removed “%1”</source>
        <translation>已删除“%1”</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="81" />
        <source>Removing %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="81" />
        <source>Cannot remove</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="142" />
        <source>Other documents</source>
        <translation>其他文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="143" />
        <source>%1 (no session)</source>
        <translation>%1年（无届会）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="144" />
        <source>Session not stated</source>
        <translation>未注明届会</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="176" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="177" />
        <source>Open in a new pane</source>
        <translation>在新窗格中打开</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="179" />
        <source>Remove from the library…</source>
        <translation>从文库中删除…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="320" />
        <source>UNIDO Reports Reader</source>
        <translation>工发组织报告阅读器</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="290" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="290" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="295" />
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="290" />
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="291" />
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="291" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="296" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="304" />
        <location filename="../../src/unidoreader/gui/main_window.py" line="385" />
        <source>Loading the library…</source>
        <translation>正在加载文库…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="341" />
        <source>Your notes and bookmarks</source>
        <translation>您的笔记和书签</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="403" />
        <source>Cannot open the library</source>
        <translation>无法打开文库</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="411" />
        <source>%1 reports in the library</source>
        <translation>文库中共有 %1 份报告</translation>
    </message>
</context>
<context>
    <name>OutlineFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/outline.py" line="27" />
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/outline.py" line="28" />
        <source>Go to the outline</source>
        <translation>转到大纲</translation>
    </message>
</context>
<context>
    <name>OutlinePane</name>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="68" />
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="69" />
        <source>Save the checked sections as a named selection</source>
        <translation>将勾选的章节保存为命名选择</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="70" />
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="71" />
        <source>Check the sections of a saved selection</source>
        <translation>勾选已保存选择中的章节</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="72" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="73" />
        <source>Uncheck every section of every report</source>
        <translation>取消勾选所有报告的所有章节</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="74" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="75" />
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="76" />
        <source>Export the checked sections as PDF</source>
        <translation>将勾选的章节导出为 PDF</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="17" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="23" />
        <source>Language of the interface:</source>
        <translation>界面语言：</translation>
    </message>
</context>
<context>
    <name>PreferencesFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="44" />
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>PrintFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="35" />
        <source>&amp;Print checked sections…</source>
        <translation>打印所选章节(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="36" />
        <source>&amp;Export checked sections as PDF…</source>
        <translation>将所选章节导出为 PDF(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="54" />
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="54" />
        <source>Check the sections to print in the outline first.</source>
        <translation>请先在大纲中勾选要打印的章节。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="70" />
        <location filename="../../src/unidoreader/gui/features/printing.py" line="80" />
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="70" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="84" />
        <source>Saved %1 (%2 pages)</source>
        <translation>已保存 %1（共 %2 页）</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <location filename="../../src/unidoreader/gui/render.py" line="94" />
        <source>Notes</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/render.py" line="233" />
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/render.py" line="235" />
        <source>⚠ totals do not add up</source>
        <translation>⚠ 合计数不符</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="154" />
        <source>Close this pane</source>
        <translation>关闭此窗格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="155" />
        <source>Find in this report</source>
        <translation>在此报告中查找</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="156" />
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配 (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="157" />
        <source>Next match (F3)</source>
        <translation>下一个匹配 (F3)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="314" />
        <source>Note: %1</source>
        <translation>笔记：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="463" />
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="501" />
        <source>Bookmark this paragraph</source>
        <translation>为此段添加书签</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="502" />
        <source>Note on this paragraph…</source>
        <translation>为此段添加笔记…</translation>
    </message>
</context>
<context>
    <name>ReadingPanes</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="94" />
        <source>&amp;Find in report…</source>
        <translation>在报告中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="95" />
        <source>Find &amp;next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="96" />
        <source>Find &amp;previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="97" />
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="98" />
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="99" />
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="100" />
        <source>&amp;Close pane</source>
        <translation>关闭窗格(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="101" />
        <source>Next pane</source>
        <translation>下一个窗格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="102" />
        <source>Previous pane</source>
        <translation>上一个窗格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="105" />
        <source>Open a report from the library (double-click, or Ctrl+Enter for a new pane).
Drop report files here to import them.</source>
        <translation>从文库中打开报告（双击，或按 Ctrl+Enter 在新窗格中打开）。
将报告文件拖放到此处即可导入。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="144" />
        <location filename="../../src/unidoreader/gui/features/panes.py" line="185" />
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="192" />
        <source>Cannot open the report</source>
        <translation>无法打开报告</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="46" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="52" />
        <source>&amp;Search all reports</source>
        <translation>搜索全部报告(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="53" />
        <source>&amp;Next hit</source>
        <translation>下一个结果(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="54" />
        <source>&amp;Previous hit</source>
        <translation>上一个结果(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="87" />
        <source>Updating the search index…</source>
        <translation>正在更新搜索索引…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="93" />
        <source>The search index could not be updated: %1</source>
        <translation>无法更新搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="159" />
        <source>Searching for “%1”…</source>
        <translation>正在搜索“%1”…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="173" />
        <source>Save search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="173" />
        <source>Name of this search:</source>
        <translation>搜索名称：</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="114" />
        <source>Search every report (Ctrl+Shift+F)</source>
        <translation>搜索所有报告 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="115" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="116" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="117" />
        <source>Saved searches</source>
        <translation>已保存的搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="118" />
        <source>Previous hit (Shift+F8)</source>
        <translation>上一个结果 (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="119" />
        <source>Next hit (F8)</source>
        <translation>下一个结果 (F8)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="130" />
        <source>All sessions</source>
        <translation>所有届会</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="131" />
        <source>All years</source>
        <translation>所有年份</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="132" />
        <source>All documents</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="168" />
        <source>Save this search…</source>
        <translation>保存此搜索…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="177" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="244" />
        <source>Searching… %1 hits so far</source>
        <translation>正在搜索… 已找到 %1 条</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="246" />
        <source>No hits for “%1”</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="248" />
        <source>%1 hits in %2 documents</source>
        <translation>%2 份文件中共 %1 条结果</translation>
    </message>
</context>
<context>
    <name>SelectionsFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="34" />
        <location filename="../../src/unidoreader/gui/features/selections.py" line="36" />
        <source>Save selection</source>
        <translation>保存选择</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="34" />
        <source>Check some sections in the outline first.</source>
        <translation>请先在大纲中勾选章节。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="36" />
        <source>Name of this selection:</source>
        <translation>选择的名称：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="39" />
        <source>Selection “%1” saved</source>
        <translation>已保存选择“%1”</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="47" />
        <location filename="../../src/unidoreader/gui/features/selections.py" line="49" />
        <source>Open selection</source>
        <translation>打开选择</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="47" />
        <source>No selection has been saved yet.</source>
        <translation>尚未保存任何选择。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="49" />
        <source>Selection:</source>
        <translation>选择：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="68" />
        <source>Selection “%1”: %2 sections checked</source>
        <translation>选择“%1”：已勾选 %2 个章节</translation>
    </message>
</context>
<context>
    <name>SyncScrolling</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="34" />
        <source>&amp;Synchronised scrolling</source>
        <translation>同步滚动(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="48" />
        <source>Synchronised scrolling on</source>
        <translation>已开启同步滚动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="48" />
        <source>Synchronised scrolling off</source>
        <translation>已关闭同步滚动</translation>
    </message>
</context>
<context>
    <name>TablesFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/tables.py" line="26" />
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/tables.py" line="27" />
        <source>Go to the tables</source>
        <translation>转到表格</translation>
    </message>
</context>
<context>
    <name>TablesPanel</name>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="118" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="119" />
        <source>Copy the table (or the selected cells) for a spreadsheet</source>
        <translation>复制表格（或所选单元格），可粘贴到电子表格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="120" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="121" />
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="122" />
        <source>Show this table in the text</source>
        <translation>在正文中显示此表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="123" />
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="141" />
        <source>This report has no tables.</source>
        <translation>此报告没有表格。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="133" />
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="138" />
        <source>The totals of this table do not add up</source>
        <translation>此表的合计数不符</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="155" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="162" />
        <source>⚠ The totals of this table do not add up.</source>
        <translation>⚠ 此表的合计数不符。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="164" />
        <source>✓ Totals check out.</source>
        <translation>✓ 合计数核对无误。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="188" />
        <source>Table copied</source>
        <translation>表格已复制</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="194" />
        <source>Export the table as CSV into…</source>
        <translation>将表格导出为 CSV，保存到…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="202" />
        <source>Cannot write the CSV file: %1</source>
        <translation>无法写入 CSV 文件：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="204" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
</TS>