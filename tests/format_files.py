"""PDF, Word and HTML files made in the test suite (reportlab, python-docx, plain strings).

The PDF is a small report as think tanks print them: a cover, then body pages with a
running header, a printed page number at the foot (1 on the second physical page), headings
set larger than the body, a superscript note marker with its footnote at the bottom of the
page in a smaller size, and a paragraph that runs on to the next page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

TITLE = "数据治理研究报告"
SUBTITLE = "（2024 年）"
HEADER = "数据治理研究报告（2024 年）"
FOOTNOTE = "1 参见《全球数据治理倡议》，2023 年 10 月发布。"
CROSSING_START = "跨境数据流动需要兼顾安全与发展，各国在实践中形成了不同的"
CROSSING_END = "制度安排，包括安全评估、标准合同和认证等多种路径。"
BODY = 12
PAGE_W, PAGE_H = 595.0, 842.0
LEFT = 90.0


def _canvas(path: Path, **kwargs: Any) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), **kwargs)


def _text(c: Any, x: float, top: float, text: str, size: float = BODY) -> None:
    c.setFont("STSong-Light", size)
    c.drawString(x, PAGE_H - top, text)


def _furniture(c: Any, printed: int) -> None:
    _text(c, 200, 45, HEADER, 9)
    _text(c, PAGE_W / 2, 800, str(printed), 9)


def make_report_pdf(path: Path) -> Path:
    c = _canvas(path)
    # producers write the Word file's name as the title: the cover must win
    c.setTitle("Microsoft Word - 报告终稿.docx")
    c.setAuthor("Administrator")
    _text(c, 150, 250, TITLE, 28)
    _text(c, 220, 295, SUBTITLE, 20)
    _text(c, 230, 680, "某某研究院", 14)
    _text(c, 235, 710, "2024 年 3 月", 14)
    c.showPage()

    # physical page 2, printed page 1
    _furniture(c, 1)
    _text(c, LEFT, 90, "一、总则", 16)
    _text(c, LEFT + 24, 125, "数据是新型生产要素，是数字化、网络化、智能化的基础，已快速融入")
    _text(c, LEFT, 150, "生产、分配、流通、消费和社会服务管理等各环节，深刻改变着生产方式")
    line = c.beginText(LEFT, PAGE_H - 175)
    line.setFont("STSong-Light", BODY)
    line.textOut("和社会治理体系")
    line.setRise(5)  # the note marker, small and raised
    line.setFont("STSong-Light", 7)
    line.textOut("1")
    line.setRise(0)
    line.setFont("STSong-Light", BODY)
    line.textOut("，其治理关乎国家安全。")
    c.drawText(line)
    _text(c, LEFT, 215, "二、数据出境", 16)
    _text(c, LEFT + 24, 250, "数据出境安全评估是维护国家数据安全的重要制度。")
    _text(c, LEFT + 24, 700, CROSSING_START)
    _text(c, LEFT, 760, FOOTNOTE, 9)
    c.showPage()

    # physical page 3, printed page 2: the paragraph goes on after the header
    _furniture(c, 2)
    _text(c, LEFT, 90, CROSSING_END)
    _text(c, LEFT, 130, "三、结语", 16)
    _text(c, LEFT + 24, 165, "数据治理需要多方参与、协同推进。")
    c.showPage()

    _furniture(c, 3)
    _text(c, LEFT + 24, 90, "附：术语表与参考资料。")
    c.showPage()
    c.save()
    return path


def make_locked_pdf(path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption

    c = _canvas(path, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    _text(c, LEFT, 100, "机密文件")
    c.showPage()
    c.save()
    return path


def make_scan_pdf(path: Path) -> Path:
    """Pages with only pictures on them (rectangles stand for the scanned image)."""
    c = _canvas(path)
    for _ in range(2):
        c.rect(50, 50, 495, 742, fill=1)
        c.showPage()
    c.save()
    return path


def make_empty_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    with path.open("wb") as handle:
        PdfWriter().write(handle)
    return path


def make_report_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "report-final"
    document.core_properties.author = "张三"
    document.add_heading("网络安全审查办法解读", 0)
    document.add_heading("第一章 总则", level=1)
    paragraph = document.add_paragraph("本办法所称")
    paragraph.add_run("关键信息基础设施").bold = True
    paragraph.add_run("，是指")
    paragraph.add_run("公共通信和信息服务").italic = True
    paragraph.add_run("等重要行业和领域的网络设施。")
    document.add_heading("1.1 适用范围", level=2)
    document.add_paragraph("采购网络产品和服务", style="List Bullet")
    document.add_paragraph("开展数据处理活动", style="List Bullet")
    document.add_paragraph("境外上市的审查要求", style="List Bullet 2")
    table = document.add_table(rows=2, cols=3)
    for col, text in enumerate(("机构", "职责", "期限")):
        table.cell(0, col).text = text
    for col, text in enumerate(("网络安全审查办公室", "组织审查", "30 个工作日")):
        table.cell(1, col).text = text
    document.add_paragraph("审查坚持防范风险与促进发展相结合。", style="Quote")
    document.save(str(path))
    return path


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="gb2312">
<title>新闻中心 - 示例政务网</title>
<meta property="og:title" content="网信部门发布数据出境新规解读">
<meta property="og:site_name" content="示例政务网">
<meta name="author" content="李四">
<meta property="article:published_time" content="2024-03-22T09:00:00+08:00">
<link rel="canonical" href="https://www.example.gov.cn/news/2024/0322.html">
<script>var tracker = "首页统计";</script>
<style>.nav { color: red }</style>
</head><body>
<header><div class="logo">示例政务网</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/gov">政务公开</a></li><li><a href="/svc">办事服务</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/news">新闻中心</a></div>
<aside class="sidebar"><h3>热点推荐</h3><ul><li><a href="/a">另一篇无关的新闻标题</a></li>
<li><a href="/b">又一篇无关的新闻</a></li></ul></aside>
<article class="content">
<h1>网信部门发布数据出境新规解读</h1>
<p class="info">来源：示例网 作者：李四 日期：2024-03-22</p>
<h2>一、新规的主要内容</h2>
<p>新规明确了数据出境安全评估、个人信息出境标准合同和个人信息保护认证的适用情形，
并对<strong>免予申报</strong>的情形作出了规定。</p>
<p>企业在开展数据出境活动前，应当对照新规进行自评估，<em>确保</em>数据出境合法合规。</p>
<h2>二、企业应当如何应对</h2>
<ul><li>梳理数据出境场景；</li><li>识别重要数据；</li><li>完善内部管理制度。</li></ul>
<blockquote><p>数据安全是发展的前提，发展是安全的保障。</p></blockquote>
<table><tr><th>路径</th><th>适用情形</th></tr><tr><td>安全评估</td><td>重要数据出境</td></tr></table>
</article>
<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<footer><p>版权所有：示例政务网 京ICP备00000000号</p><p><a href="/about">联系我们</a></p></footer>
</body></html>
"""


def make_article_html(path: Path) -> Path:
    # a GB2312 page, as many Chinese government sites still serve them
    path.write_bytes(ARTICLE_HTML.encode("gb18030"))
    return path


def make_zip_not_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "这不是 Word 文件")
    return path


def make_huge_html(path: Path, megabytes: int = 11) -> Path:
    chunk = ("<p>" + "数据治理" * 60 + "</p>\n").encode("utf-8")
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(megabytes * 2**20 // len(chunk) + 1):
            handle.write(chunk)
        handle.write(b"</body></html>")
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>
</w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>参见《网络安全审查办法》第二条。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
NOTED_PARAGRAPH = (
    "<w:p><w:r><w:t>审查由网络安全审查办公室组织</w:t></w:r>"
    '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    "<w:r><w:t>。</w:t></w:r></w:p>"
)


def add_footnote(path: Path) -> Path:
    """A Word footnote (python-docx cannot write one): the part, its relationship, its content
    type and a paragraph that refers to it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    at = document.rindex("<w:sectPr")
    parts["word/document.xml"] = (document[:at] + NOTED_PARAGRAPH + document[at:]).encode()
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    relationship = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", relationship + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    parts["word/footnotes.xml"] = FOOTNOTES_XML.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path
