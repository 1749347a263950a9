<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BookmarksFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="40"/>
        <source>&amp;Bookmark this place</source>
        <translation>为此处添加书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="41"/>
        <source>&amp;Note on this paragraph…</source>
        <translation>为此段添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="76"/>
        <source>Bookmarked: %1</source>
        <translation>已添加书签：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="83"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="83"/>
        <source>Your note on this paragraph (empty removes it):</source>
        <translation>您对此段的笔记（留空即删除）：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="91"/>
        <source>Note saved</source>
        <translation>笔记已保存</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="91"/>
        <source>Note removed</source>
        <translation>笔记已删除</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="109"/>
        <source>Remove bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/bookmarks.py" line="113"/>
        <source>Notes</source>
        <translation>注释</translation>
    </message>
</context>
<context>
    <name>CompareFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="208"/>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="260"/>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="314"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="214"/>
        <source>&amp;Compare with…</source>
        <translation>与…比较(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="215"/>
        <source>Next change</source>
        <translation>下一处变动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="216"/>
        <source>Previous change</source>
        <translation>上一处变动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="223"/>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="243"/>
        <source>Compare this report with another (its predecessor is proposed)</source>
        <translation>将此报告与另一份报告比较（建议上一届的报告）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="260"/>
        <source>Open a report first.</source>
        <translation>请先打开一份报告。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="281"/>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="317"/>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="343"/>
        <source>%1 changed · %2 added · %3 removed · %4 figures changed</source>
        <translation>%1 处修改 · %2 段新增 · %3 段删除 · %4 个数字变动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="347"/>
        <source>%1 moved</source>
        <translation>%1 段移动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="404"/>
        <source>Change %1 of %2</source>
        <translation>第 %1 处变动，共 %2 处</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="443"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="526"/>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="538"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="526"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="540"/>
        <source>Saved %1 (%2 pages)</source>
        <translation>已保存 %1（%2 页）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="547"/>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="556"/>
        <source>Figures as CSV</source>
        <translation>数字导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="547"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="558"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="144"/>
        <source>◀ Previous change</source>
        <translation>◀ 上一处变动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="145"/>
        <source>Next change ▶</source>
        <translation>下一处变动 ▶</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="146"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="147"/>
        <source>Figures as CSV…</source>
        <translation>数字导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="148"/>
        <source>End compare</source>
        <translation>结束比较</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="149"/>
        <source>Figure</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="149"/>
        <source>Before</source>
        <translation>原为</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="149"/>
        <source>Now</source>
        <translation>现为</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="151"/>
        <source>Use “Compare with…” on a report to see what changed since the last session.</source>
        <translation>在报告上使用“与…比较”，查看自上届会议以来的变动。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="159"/>
        <source>symbol</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="159"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="159"/>
        <source>percentage</source>
        <translation>百分比</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="160"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="160"/>
        <source>session/ordinal</source>
        <translation>届次/序数</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="160"/>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="161"/>
        <source>number</source>
        <translation>数字</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="16"/>
        <source>{path}: is a folder, not a file</source>
        <translation>{path}：是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="17"/>
        <source>{path}: too large ({size} MiB; the limit is {limit} MiB)</source>
        <translation>{path}：文件过大（{size} MiB；上限为 {limit} MiB）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="18"/>
        <source>{path}: is a named pipe (FIFO), not a regular file; only files can be read</source>
        <translation>{path}：是命名管道（FIFO），不是普通文件；只能读取普通文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="19"/>
        <source>{path}: is a device, not a regular file; only files can be read</source>
        <translation>{path}：是设备，不是普通文件；只能读取普通文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="20"/>
        <source>{path}: is not a regular file; only files can be read</source>
        <translation>{path}：不是普通文件；只能读取普通文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="21"/>
        <source>{path}: the file is empty</source>
        <translation>{path}：文件为空</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="22"/>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="23"/>
        <source>{path}: cannot read: {reason}</source>
        <translation>{path}：无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="24"/>
        <source>{path}: not a text file (binary content)</source>
        <translation>{path}：不是文本文件（内容为二进制数据）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="25"/>
        <source>{path}: damaged {encoding} text (invalid byte sequence)</source>
        <translation>{path}：{encoding} 文本已损坏（字节序列无效）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="26"/>
        <source>{path}: unknown text encoding (not UTF-8, UTF-16 or GB18030)</source>
        <translation>{path}：无法识别的文本编码（不是 UTF-8、UTF-16 或 GB18030）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="27"/>
        <source>{path}: not a PDF file (damaged, or something else named .pdf)</source>
        <translation>{path}：不是 PDF 文件（已损坏，或是以 .pdf 命名的其他文件）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="28"/>
        <source>{path}: not a Word .docx file (damaged, or something else named .docx)</source>
        <translation>{path}：不是 Word .docx 文件（已损坏，或是以 .docx 命名的其他文件）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="29"/>
        <source>{path}: not a PDF or Word file</source>
        <translation>{path}：不是 PDF 或 Word 文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="30"/>
        <source>{path}: the PDF is encrypted (password-protected); save an unprotected copy</source>
        <translation>{path}：该 PDF 已加密（受密码保护）；请另存一份未加密的副本</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="31"/>
        <source>{path}: the PDF has no text layer (a scan?); run OCR on it first (not done here)</source>
        <translation>{path}：该 PDF 没有文字层（扫描件？）；请先进行文字识别（OCR，本程序不做）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="32"/>
        <source>no document {doc} in the library</source>
        <translation>文库中没有文档 {doc}</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="33"/>
        <source>{ref} matches {count} documents; give more of the id</source>
        <translation>{ref} 与 {count} 份文档匹配；请给出更长的编号</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/errors.py" line="34"/>
        <source>{ref} is neither a document id nor a readable file</source>
        <translation>{ref} 既不是文档编号，也不是可读取的文件</translation>
    </message>
</context>
<context>
    <name>HelpFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="26"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="27"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="31"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="36"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/help.py" line="36"/>
        <source>UNIDO Reports Reader %1
Reads, searches and prints the reports of UNIDO&apos;s governing bodies, offline.</source>
        <translation>工发组织报告阅读器 %1
离线阅读、搜索和打印工发组织理事机构的报告。</translation>
    </message>
</context>
<context>
    <name>ImportFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="37"/>
        <source>&amp;Import reports…</source>
        <translation>导入报告(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="43"/>
        <source>Import reports</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="43"/>
        <source>Reports (*.txt *.pdf *.docx *.doc);;All files (*)</source>
        <translation>报告 (*.txt *.pdf *.docx *.doc);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="63"/>
        <source>Imported %1 report(s); %2 already in the library</source>
        <translation>已导入 %1 份报告；%2 份已在文库中</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="68"/>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="70"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="68"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何文件。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="72"/>
        <source>Importing %1 file(s)…</source>
        <translation>正在导入 %1 个文件…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="82"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="83"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="84"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="111"/>
        <source>Reading page %1 of %2…</source>
        <translation>正在读取第 %1 页，共 %2 页…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/importing.py" line="120"/>
        <source>Import cancelled: nothing was imported.</source>
        <translation>导入已取消：未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>LanguageVersions</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/languages.py" line="36"/>
        <source>Open the other &amp;language</source>
        <translation>打开另一语文本(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/languages.py" line="54"/>
        <source>Open a report first</source>
        <translation>请先打开一份报告</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/languages.py" line="58"/>
        <source>The library has no other language version of this report</source>
        <translation>文库中没有这份报告的其他语文本</translation>
    </message>
</context>
<context>
    <name>LibraryFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="41"/>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="42"/>
        <source>Go to the library</source>
        <translation>转到文库</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="48"/>
        <source>Open in a new &amp;pane</source>
        <translation>在新窗格中打开(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="49"/>
        <source>&amp;Remove from the library…</source>
        <translation>从文库中删除(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="68"/>
        <source>Remove report</source>
        <translation>删除报告</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="68"/>
        <source>Remove “%1” from the library?</source>
        <translation>从文库中删除“%1”？</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="80"/>
        <source>Removed “%1”</source>
        <translation>已删除“%1”</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="82"/>
        <source>Removing %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/library.py" line="82"/>
        <source>Cannot remove</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="385"/>
        <source>Other documents</source>
        <translation>其他文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="386"/>
        <source>%1 (no session)</source>
        <translation>%1年（无届会）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="387"/>
        <source>Session not stated</source>
        <translation>未注明届会</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="388"/>
        <source>%1 documents</source>
        <translation>%1 份文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="392"/>
        <source>Filter: title, symbol, session, year</source>
        <translation>筛选：标题、文号、届会、年份</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="393"/>
        <source>Words in the title, symbol or file name; a number is a session or a year (第46届, session:46, year:2020)</source>
        <translation>标题、文号或文件名中的字词；数字表示届会或年份（第46届、session:46、year:2020）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="394"/>
        <source>By session</source>
        <translation>按届会</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="394"/>
        <source>By year</source>
        <translation>按年份</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="394"/>
        <source>By title</source>
        <translation>按标题</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="458"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="459"/>
        <source>Open in a new pane</source>
        <translation>在新窗格中打开</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/library_pane.py" line="461"/>
        <source>Remove from the library…</source>
        <translation>从文库中删除…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="365"/>
        <source>UNIDO Reports Reader</source>
        <translation>工发组织报告阅读器</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="333"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="333"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="338"/>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="333"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="334"/>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="334"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="339"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="347"/>
        <location filename="../../src/unidoreader/gui/main_window.py" line="431"/>
        <source>Loading the library…</source>
        <translation>正在加载文库…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="387"/>
        <source>Your notes and bookmarks</source>
        <translation>您的笔记和书签</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="449"/>
        <source>Cannot open the library</source>
        <translation>无法打开文库</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/main_window.py" line="457"/>
        <source>%1 reports in the library</source>
        <translation>文库中共有 %1 份报告</translation>
    </message>
</context>
<context>
    <name>OutlineFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/outline.py" line="37"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/outline.py" line="38"/>
        <source>Go to the outline</source>
        <translation>转到大纲</translation>
    </message>
</context>
<context>
    <name>OutlinePane</name>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="69"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="70"/>
        <source>Save the checked sections as a named selection</source>
        <translation>将勾选的章节保存为命名选择</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="71"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="72"/>
        <source>Check the sections of a saved selection</source>
        <translation>勾选已保存选择中的章节</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="73"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="74"/>
        <source>Uncheck every section of every report</source>
        <translation>取消勾选所有报告的所有章节</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="75"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="76"/>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/outline.py" line="77"/>
        <source>Export the checked sections as PDF</source>
        <translation>将勾选的章节导出为 PDF</translation>
    </message>
</context>
<context>
    <name>PageMarks</name>
    <message>
        <location filename="../../src/unidoreader/gui/page_view.py" line="496"/>
        <source>Printed page %1</source>
        <translation>印刷版第 %1 页</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../src/unidoreader/gui/page_view.py" line="210"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/page_view.py" line="211"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/page_view.py" line="212"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/page_view.py" line="379"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>PagesFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/pages.py" line="66"/>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/pages.py" line="67"/>
        <source>Show the printed page beside the text</source>
        <translation>在文本旁显示印刷页面</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/pages.py" line="230"/>
        <source>Printed &amp;page beside the text</source>
        <translation>在文本旁显示印刷页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/pages.py" line="257"/>
        <source>This report has no printed pages here (only reports imported as PDF have).</source>
        <translation>此报告没有印刷页面（只有以 PDF 导入的报告才有）。</translation>
    </message>
</context>
<context>
    <name>PickDialog</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="68"/>
        <source>Compare with…</source>
        <translation>与…比较</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="75"/>
        <source>session %1</source>
        <translation>第 %1 届会议</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="78"/>
        <source>(predecessor)</source>
        <translation>（上一届）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/compare.py" line="89"/>
        <source>Compare the report with:</source>
        <translation>将报告与以下文件比较：</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="52"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="72"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="77"/>
        <source>A new library folder is used from the next start.</source>
        <translation>新的文库文件夹在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="80"/>
        <source>Language of the interface:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="81"/>
        <source>Reading font size:</source>
        <translation>阅读字号：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="82"/>
        <source>Line spacing:</source>
        <translation>行距：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="83"/>
        <source>Page size for printing:</source>
        <translation>打印纸张大小：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="84"/>
        <source>Library folder:</source>
        <translation>文库文件夹：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="95"/>
        <source>Library folder</source>
        <translation>文库文件夹</translation>
    </message>
</context>
<context>
    <name>PreferencesFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="131"/>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/preferences.py" line="171"/>
        <source>The library folder %1 is used from the next start.</source>
        <translation>文库文件夹 %1 将在下次启动时使用。</translation>
    </message>
</context>
<context>
    <name>PrintFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="38"/>
        <source>&amp;Print checked sections…</source>
        <translation>打印所选章节(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="39"/>
        <source>&amp;Export checked sections as PDF…</source>
        <translation>将所选章节导出为 PDF(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="60"/>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="60"/>
        <source>Check the sections to print in the outline first.</source>
        <translation>请先在大纲中勾选要打印的章节。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="76"/>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="86"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="76"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/printing.py" line="90"/>
        <source>Saved %1 (%2 pages)</source>
        <translation>已保存 %1（共 %2 页）</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <location filename="../../src/unidoreader/gui/render.py" line="99"/>
        <source>Notes</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/render.py" line="238"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/render.py" line="240"/>
        <source>⚠ totals do not add up</source>
        <translation>⚠ 合计数不符</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="178"/>
        <source>Close this pane</source>
        <translation>关闭此窗格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="179"/>
        <source>Find in this report</source>
        <translation>在此报告中查找</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="180"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配 (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="181"/>
        <source>Next match (F3)</source>
        <translation>下一个匹配 (F3)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="374"/>
        <source>Note: %1</source>
        <translation>笔记：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="557"/>
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="595"/>
        <source>Bookmark this paragraph</source>
        <translation>为此段添加书签</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/reader.py" line="596"/>
        <source>Note on this paragraph…</source>
        <translation>为此段添加笔记…</translation>
    </message>
</context>
<context>
    <name>ReadingPanes</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="96"/>
        <source>&amp;Find in report…</source>
        <translation>在报告中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="97"/>
        <source>Find &amp;next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="98"/>
        <source>Find &amp;previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="99"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="100"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="101"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="102"/>
        <source>&amp;Close pane</source>
        <translation>关闭窗格(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="103"/>
        <source>Next pane</source>
        <translation>下一个窗格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="104"/>
        <source>Previous pane</source>
        <translation>上一个窗格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="107"/>
        <source>Open a report from the library (double-click, or Ctrl+Enter for a new pane).
Drop report files here to import them.</source>
        <translation>从文库中打开报告（双击，或按 Ctrl+Enter 在新窗格中打开）。
将报告文件拖放到此处即可导入。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="167"/>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="219"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/panes.py" line="226"/>
        <source>Cannot open the report</source>
        <translation>无法打开报告</translation>
    </message>
</context>
<context>
    <name>ReferenceCard</name>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="176"/>
        <source>Reference</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="177"/>
        <source>Copy symbol</source>
        <translation>复制文号</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="178"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>References</name>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="196"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="197"/>
        <source>Resolution</source>
        <translation>决议</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="198"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="199"/>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="200"/>
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="201"/>
        <source>Chapter</source>
        <translation>章</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="202"/>
        <source>Section</source>
        <translation>节</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="203"/>
        <source>Annex</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="204"/>
        <source>Appendix</source>
        <translation>附录</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="205"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="206"/>
        <source>Figure</source>
        <translation>图</translation>
    </message>
</context>
<context>
    <name>ReferencesFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="112"/>
        <source>References</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="113"/>
        <source>Go to the references</source>
        <translation>转到引用</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="119"/>
        <source>Document &amp;symbol…</source>
        <translation>文件文号(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="188"/>
        <location filename="../../src/unidoreader/gui/features/references.py" line="359"/>
        <source>Finding references…</source>
        <translation>正在查找引用…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="270"/>
        <source>%1: not found in this report</source>
        <translation>%1：本报告中未找到</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="251"/>
        <location filename="../../src/unidoreader/gui/features/references.py" line="294"/>
        <source>Not in your library</source>
        <translation>不在您的文库中</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="253"/>
        <source>Not found in this report</source>
        <translation>本报告中未找到</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="345"/>
        <source>%1 — %2 paragraph(s) in %3 document(s)</source>
        <translation>%1 — %3 份文件中的 %2 段</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="355"/>
        <source>not in your library</source>
        <translation>不在文库中</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="367"/>
        <source>Open a report of the library first.</source>
        <translation>请先打开文库中的报告。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="372"/>
        <location filename="../../src/unidoreader/gui/features/references.py" line="388"/>
        <source>Document symbol</source>
        <translation>文件文号</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="373"/>
        <source>Symbol of this document (for example IDB.46/8); empty to clear:</source>
        <translation>本文件的文号（例如 IDB.46/8）；留空则清除：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="388"/>
        <source>A document symbol is at most 200 characters.</source>
        <translation>文件文号最多 200 个字符。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="392"/>
        <source>Symbol set: %1</source>
        <translation>已设定文号：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="392"/>
        <source>Symbol cleared</source>
        <translation>已清除文号</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/references.py" line="395"/>
        <source>Saving the symbol…</source>
        <translation>正在保存文号…</translation>
    </message>
</context>
<context>
    <name>ReferencesPanel</name>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="79"/>
        <source>Set symbol…</source>
        <translation>设定文号…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="80"/>
        <source>Give the active document its symbol (kept in the library)</source>
        <translation>为当前文件设定文号（保存在文库中）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="84"/>
        <source>Cited by (%1)</source>
        <translation>被引用（%1）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="85"/>
        <source>Cites (%1)</source>
        <translation>引用了（%1）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="86"/>
        <source>Resolutions and decisions in the library (%1)</source>
        <translation>文库中引用的决议和决定（%1）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="88"/>
        <source>no symbol</source>
        <translation>无文号</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/references_panel.py" line="91"/>
        <source>Open a report to see its references.</source>
        <translation>打开一份报告以查看其引用。</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="54"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="60"/>
        <source>&amp;Search all reports</source>
        <translation>搜索全部报告(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="61"/>
        <source>&amp;Next hit</source>
        <translation>下一个结果(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="62"/>
        <source>&amp;Previous hit</source>
        <translation>上一个结果(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="95"/>
        <source>Updating the search index…</source>
        <translation>正在更新搜索索引…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="103"/>
        <source>The search index could not be updated: %1</source>
        <translation>无法更新搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="172"/>
        <source>Searching for “%1”…</source>
        <translation>正在搜索“%1”…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="186"/>
        <source>Save search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/search.py" line="186"/>
        <source>Name of this search:</source>
        <translation>搜索名称：</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="151"/>
        <source>Search every report (Ctrl+Shift+F)</source>
        <translation>搜索所有报告 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="152"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="153"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="154"/>
        <source>Saved searches</source>
        <translation>已保存的搜索</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="155"/>
        <source>Previous hit (Shift+F8)</source>
        <translation>上一个结果 (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="156"/>
        <source>Next hit (F8)</source>
        <translation>下一个结果 (F8)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="157"/>
        <source>Previous page of hits</source>
        <translation>上一页结果</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="158"/>
        <source>Next page of hits</source>
        <translation>下一页结果</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="162"/>
        <source>By document</source>
        <translation>按文件分组</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="163"/>
        <source>By relevance</source>
        <translation>按相关性</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="179"/>
        <source>Chinese documents</source>
        <translation>中文文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="179"/>
        <source>English documents</source>
        <translation>英文文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="181"/>
        <source>All sessions</source>
        <translation>所有届会</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="182"/>
        <source>All years</source>
        <translation>所有年份</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="183"/>
        <source>All documents</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="184"/>
        <source>All languages</source>
        <translation>所有语文</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="222"/>
        <source>Save this search…</source>
        <translation>保存此搜索…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="231"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="288"/>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="332"/>
        <source>%1 hits in this document</source>
        <translation>本文件中共 %1 处</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="362"/>
        <source>Searching… %1 hits so far</source>
        <translation>正在搜索… 已找到 %1 条</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="362"/>
        <source>Searching… 1 hit so far</source>
        <translation>正在搜索… 已找到 1 条结果</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="364"/>
        <source>No hits for “%1”</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="366"/>
        <source>1 hit in 1 document</source>
        <translation>1 份文件中共 1 条结果</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="368"/>
        <source>%1 hits in 1 document</source>
        <translation>1 份文件中共 %1 条结果</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="370"/>
        <source>%1 hits in %2 documents</source>
        <translation>%2 份文件中共 %1 条结果</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="372"/>
        <source>%1 hits in %2 documents; %3–%4 shown</source>
        <translation>%2 份文件中共 %1 处；显示第 %3–%4 处</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/search_panel.py" line="382"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
</context>
<context>
    <name>SelectionsFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="34"/>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="36"/>
        <source>Save selection</source>
        <translation>保存选择</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="34"/>
        <source>Check some sections in the outline first.</source>
        <translation>请先在大纲中勾选章节。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="36"/>
        <source>Name of this selection:</source>
        <translation>选择的名称：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="39"/>
        <source>Selection “%1” saved</source>
        <translation>已保存选择“%1”</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="47"/>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="49"/>
        <source>Open selection</source>
        <translation>打开选择</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="47"/>
        <source>No selection has been saved yet.</source>
        <translation>尚未保存任何选择。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="49"/>
        <source>Selection:</source>
        <translation>选择：</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/selections.py" line="68"/>
        <source>Selection “%1”: %2 sections checked</source>
        <translation>选择“%1”：已勾选 %2 个章节</translation>
    </message>
</context>
<context>
    <name>SyncScrolling</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="40"/>
        <source>&amp;Synchronised scrolling</source>
        <translation>同步滚动(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="71"/>
        <source>Paragraph %1 is not in %2: shown at the nearest paragraph before it</source>
        <translation>%2 中没有第 %1 段：显示其前最近的一段</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="80"/>
        <source>Synchronised scrolling on</source>
        <translation>已开启同步滚动</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/sync.py" line="80"/>
        <source>Synchronised scrolling off</source>
        <translation>已关闭同步滚动</translation>
    </message>
</context>
<context>
    <name>TableWindow</name>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="71"/>
        <location filename="../../src/unidoreader/gui/table_window.py" line="72"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="73"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="77"/>
        <source>⚠ The totals of this table do not add up.</source>
        <translation>⚠ 此表的合计数不符。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="80"/>
        <source>✓ Totals check out.</source>
        <translation>✓ 合计数核对无误。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="83"/>
        <source>This table has no totals to check.</source>
        <translation>此表没有可核对的合计数。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="87"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="88"/>
        <source>Copy the table (or the selected cells) for a spreadsheet</source>
        <translation>复制表格（或所选单元格），可粘贴到电子表格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="89"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="90"/>
        <source>Show in the text</source>
        <translation>在正文中显示</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="91"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="112"/>
        <source>Table copied</source>
        <translation>表格已复制</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="118"/>
        <source>Export the table as CSV into…</source>
        <translation>将表格导出为 CSV，保存到…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="124"/>
        <source>Cannot write the CSV file: %1</source>
        <translation>无法写入 CSV 文件：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/table_window.py" line="126"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>TablesFeature</name>
    <message>
        <location filename="../../src/unidoreader/gui/features/tables.py" line="32"/>
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/tables.py" line="33"/>
        <source>Go to the tables</source>
        <translation>转到表格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/features/tables.py" line="39"/>
        <source>Open the &amp;table large</source>
        <translation>以大窗口打开表格(&amp;T)</translation>
    </message>
</context>
<context>
    <name>TablesPanel</name>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="149"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="150"/>
        <source>Copy the table (or the selected cells) for a spreadsheet</source>
        <translation>复制表格（或所选单元格），可粘贴到电子表格</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="151"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="152"/>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="153"/>
        <source>Show this table in the text</source>
        <translation>在正文中显示此表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="154"/>
        <source>Open large</source>
        <translation>大窗口打开</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="155"/>
        <source>Show the table in a window of its own, as large as it needs (or double-click the table)</source>
        <translation>在单独的窗口中按所需大小显示此表（或双击表格）</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="156"/>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="174"/>
        <source>This report has no tables.</source>
        <translation>此报告没有表格。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="166"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="171"/>
        <source>The totals of this table do not add up</source>
        <translation>此表的合计数不符</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="188"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="195"/>
        <source>⚠ The totals of this table do not add up.</source>
        <translation>⚠ 此表的合计数不符。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="197"/>
        <source>✓ Totals check out.</source>
        <translation>✓ 合计数核对无误。</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="211"/>
        <source>Table copied</source>
        <translation>表格已复制</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="219"/>
        <source>Export the table as CSV into…</source>
        <translation>将表格导出为 CSV，保存到…</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="227"/>
        <source>Cannot write the CSV file: %1</source>
        <translation>无法写入 CSV 文件：%1</translation>
    </message>
    <message>
        <location filename="../../src/unidoreader/gui/tables_panel.py" line="229"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
</TS>
