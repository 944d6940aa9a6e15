"""The document tree: documents by title, their headings nested by level.

Built lazily, so 5,000 documents open at once: a node per document (its title, and whether it
has headings, come from the parse cache without reading the document); its headings are added
when it is expanded or followed into. Labels are fitted to the tree's width with an ellipsis in
the middle, so titles that share a long beginning stay apart, and a bookmark mark (◆) after a
label always shows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from igtui.app.messages import GotoParagraph, OpenDocument
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.display import displayable
from igtui.reading.places import names_title
from igtui.reading.textfit import ELLIPSIS, middle_cut

MARK_SUFFIX = " ◆"
# what Textual's Tree marks its expand icon with, so a click on it toggles the node
TOGGLE = Style.from_meta({"toggle": True})


@dataclass(frozen=True, slots=True)
class Target:
    """Where a tree node leads: a document and one of its paragraphs (0: the document, where
    the reader left it)."""

    doc_id: str
    n: int


class DocumentTree(Tree[Target]):
    """Follows the reading position with its cursor; `enter` or a click opens a node."""

    DEFAULT_CSS = """
    DocumentTree { scrollbar-size-vertical: 1; overflow-x: hidden; }
    """

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        # the nodes shown with a bookmark mark, and the width labels fit in (per size); set
        # first: the Tree draws labels as it starts
        self._marked: set[TreeNode[Target]] = set()
        self._room_for: tuple[tuple[Size, bool], int] = ((Size(0, 0), False), 0)
        super().__init__(Text("documents"), id=id)
        self.show_root = False
        # opening a node jumps to it; expanding stays on the arrow/space keys and the icon
        self.auto_expand = False
        self._corpus = corpus
        self._doc_nodes: dict[str, TreeNode[Target]] = {}
        # per document whose headings were added: heading `n`s in order and their nodes
        self._headings: dict[str, tuple[list[int], list[TreeNode[Target]]]] = {}
        # the marks last set per document, for headings added later
        self._marks: dict[str, frozenset[int]] = {}
        for doc in corpus.documents:
            # from the parse cache's manifest: no document is read to build the tree
            if doc.first_readable():
                label = Text(displayable(doc.title), style="bold")
                self._doc_nodes[doc.id] = self.root.add(
                    label, data=Target(doc.id, 0), expand=False, allow_expand=doc.has_headings()
                )

    def _sections(self, doc_id: str) -> tuple[list[int], list[TreeNode[Target]]]:
        """The document's heading nodes, added on first need (expanding, following)."""
        found = self._headings.get(doc_id)
        if found is None:
            found = self._headings[doc_id] = self._add_headings(self._corpus.document(doc_id))
            marks = self._marks.get(doc_id)
            if marks:
                self.set_marks(doc_id, marks)
        return found

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Target]) -> None:
        target = event.node.data
        if target is not None and event.node is self._doc_nodes.get(target.doc_id):
            self._sections(target.doc_id)

    def _add_headings(self, doc: Document) -> tuple[list[int], list[TreeNode[Target]]]:
        node = self._doc_nodes[doc.id]
        ns: list[int] = []
        nodes: list[TreeNode[Target]] = []
        # stack of (level, node): a heading nests under the last shallower one
        stack: list[tuple[int, TreeNode[Target]]] = [(0, node)]
        text_since = False  # whether text came since the last heading
        for p in doc.paragraphs:
            if p.kind != "heading":
                text_since = text_since or p.readable
                continue
            after_text, text_since = text_since, False
            if ns and p.pair == ns[-1] and not after_text and nodes[-1] is not node:
                # the translation of the heading just before (a bilingual file, string by
                # string): one section, named in both languages, not an empty twin
                twin = nodes[-1]
                twin.set_label(Text.assemble(twin.label, " · ", displayable(_first_line(p))))
                ns.append(p.n)
                nodes.append(twin)
                continue
            level = max(1, p.level)
            while stack[-1][0] >= level:
                stack.pop()
            if not nodes and len(stack) == 1 and names_title(doc, p.text):
                # the title heading is the document's node itself: the tree would only
                # repeat the title one level down, above every section
                ns.append(p.n)
                nodes.append(node)
                continue
            child = stack[-1][1].add(Text(displayable(_first_line(p))), data=Target(doc.id, p.n))
            stack.append((level, child))
            ns.append(p.n)
            nodes.append(child)
        for parent in nodes:
            if not parent.children:
                parent.allow_expand = False
        return ns, nodes

    # -- labels -------------------------------------------------------------------------

    def render_label(self, node: TreeNode[Target], base_style: Style, style: Style) -> Text:
        label = node.label.copy() if isinstance(node.label, Text) else Text(str(node.label))
        label.stylize(style)
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        mark = MARK_SUFFIX if node in self._marked else ""
        room = self._label_room(node) - cell_len(icon) - cell_len(mark)
        cut = middle_cut(label.plain, room) if room > 0 else None
        if cut is not None:
            head, tail = cut
            label = Text.assemble(label[:head], ELLIPSIS, label[tail:])
        return Text.assemble((icon, base_style + TOGGLE), label, (mark, "bold"))

    def get_label_width(self, node: TreeNode[Target]) -> int:
        # Tree measures every line on each rebuild (5,000 documents: most of start-up, and of
        # every expand) for two uses only: the width of horizontal scrolling, which is off
        # (`render_label` fits each label to the pane instead), and the x of scrolling to a
        # line, which Tree never does. No line needs more room than the pane has.
        return 0

    def _label_room(self, node: TreeNode[Target]) -> int:
        """Cells left for `node`'s line after the guides that indent it (0: not sized yet)."""
        # asked for every visible node on each rebuild: the region is worked out once a size
        # (and once for a scrollbar coming or going)
        key = (self.size, self.show_vertical_scrollbar)
        if self._room_for[0] != key:
            self._room_for = (key, self.scrollable_content_region.width)
        width = self._room_for[1]
        if not width:
            return 0
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return width - depth * self.guide_depth

    def set_marks(self, doc_id: str, marks: frozenset[int]) -> None:
        """Mark the document and the sections that hold bookmarked paragraphs."""
        doc_node = self._doc_nodes.get(doc_id)
        if doc_node is None or (not marks and not self._marks.get(doc_id)):
            return  # nothing marked before or now (50,000 documents are asked at start-up)
        self._marks[doc_id] = marks
        headings = self._headings.get(doc_id)
        # headings not added yet get their marks when they are
        marked = {self.node_for(doc_id, n) for n in marks} if headings else set()
        if marks:
            marked.add(doc_node)
        for node in (doc_node, *(headings[1] if headings else ())):
            on = node in marked
            if on != (node in self._marked):
                if on:
                    self._marked.add(node)
                else:
                    self._marked.discard(node)
                node.refresh()

    def has_mark(self, node: TreeNode[Target]) -> bool:
        return node in self._marked

    # -- following the reader -------------------------------------------------------------

    def document_node(self, doc_id: str) -> TreeNode[Target] | None:
        return self._doc_nodes.get(doc_id)

    def node_for(self, doc_id: str, n: int) -> TreeNode[Target] | None:
        """The deepest node whose section holds paragraph `n` of `doc_id`."""
        if doc_id not in self._doc_nodes:
            return None
        ns, nodes = self._sections(doc_id)
        i = bisect_right(ns, n)
        return nodes[i - 1] if i > 0 else self._doc_nodes[doc_id]

    def follow(self, doc_id: str, n: int) -> None:
        """Reveal and highlight the node of the paragraph being read."""
        node = self.node_for(doc_id, n)
        if node is None or node is self.cursor_node:
            return
        ancestor = node.parent
        while ancestor is not None and ancestor is not self.root:
            ancestor.expand()
            ancestor = ancestor.parent
        # touching last_line rebuilds the visible lines, so the node's line is current
        _ = self.last_line
        self.move_cursor(node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Target]) -> None:
        event.stop()
        target = event.node.data
        if target is None:
            return
        if target.n:
            self.post_message(GotoParagraph(target.doc_id, target.n))
        else:
            self.post_message(OpenDocument(target.doc_id))


def _first_line(heading: Paragraph) -> str:
    return heading.text.split("\n")[0]
