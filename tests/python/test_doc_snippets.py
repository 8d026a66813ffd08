"""Every code snippet in README.md and docs/*.md compiles or runs (issues 13 and 16).

One test per snippet, named by file and the line of its opening fence
("docs/integration.md:149"):

- ```c      compiled as C99 with -Wall -Wextra -Werror -pedantic against include/drp/drp.h
            (and the build's drp/version.h), linked with the build's libdrp.so; a whole
            program (one that defines main) is also run and must exit 0.
- ```cpp    compiled (syntax and types, -fsyntax-only) as C++20 with -Wall -Wextra -Werror
            -pedantic against include/ and the build's include/, with the flags pkg-config
            drp++ gives (-DJSON_USE_IMPLICIT_CONVERSIONS=0). Not linked.
- ```python run with the interpreter running pytest (scripts/test.sh: Debian's
            /usr/bin/python3, with its pandas) against the built package. The blocks of one
            file run in order in one namespace, so a block may use what an earlier one
            made; a block that starts with ">>>" is run with doctest instead (ELLIPSIS and
            NORMALIZE_WHITESPACE). The working directory is a scratch directory holding a
            link to every entry at the repository root, so "examples/year/merton.jsonl"
            works as from the root while the files a snippet saves do not land in the tree.
            FutureWarning and DeprecationWarning raised by a snippet's own code are errors:
            the docs must not teach what the next pandas will break.

Errors name the doc file and line: C and C++ sources carry #line directives, Python
blocks are compiled under the doc's name with their own line numbers.

Other blocks (json, sh, cmake, text, mermaid, ...) are not checked here, unless they carry
an excerpt comment (below).

THE CONVENTION: an HTML comment right before the opening fence (blank lines between are
allowed; it does not show when the Markdown is rendered) says how to check a snippet:

  <!-- snippet: fragment
  extern const char *event_json;            (any number of lines: the "given")
  void log_line(const char *line);
  -->
      C and C++: the block is statements, wrapped in the body of a function
      `void drp_doc_snippet(void)`. The given lines are placed before that function, at
      file scope: declarations of the host's own variables and functions the fragment
      uses (extern variables, prototypes; in C++ also using-declarations). A C fragment
      gets <drp/drp.h>, <stddef.h>, <stdio.h>, <stdlib.h> and <string.h>; a C++ fragment
      <drp/drp.h> and what the given includes. #include lines inside the block are moved
      to file scope. A fragment is compiled, not linked or run.
      Python: the given lines are run first, in the file's namespace (imports, sample
      values the block assumes), then the block.

  <!-- snippet: toplevel
  ...given lines, as for fragment...
  -->
      C and C++: the block is file-scope code (a helper function, declarations): it gets
      the fragment's headers and given, is compiled as it stands (not in a function), with
      -Wno-unused-function (a helper the snippet defines for the host to call), and is
      not linked or run. Python: as fragment.

  <!-- snippet: excerpt include/drp/seeds/merton.hpp -->
      The block quotes that file (path from the repository root), with "..." lines for
      what it leaves out: each other line, white space ignored, must appear in the file,
      in order. For code that only makes sense in its file (a seed's initialiser), and for
      a block of any language (```json sample lines of an example log) that quotes data.

  <!-- snippet: skip REASON -->
      Not checked. Only for pseudo code that cannot be made to compile or run; every skip
      must be listed in SKIPS below with its justification, or the test fails.

A block without a comment is checked whole: a C or C++ translation unit, a Python script.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import doctest
import io
import os
import pathlib
import re
import shutil
import subprocess
import traceback
import warnings

import pytest

import conftest

ROOT = conftest.ROOT
BUILD = conftest.BUILD
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CHECKED = {"c": "c", "cpp": "cpp", "c++": "cpp", "python": "python", "py": "python", "pycon": "python"}

# Every skipped snippet: (file, the reason given in its comment) -> why it cannot be checked.
SKIPS: dict[tuple[str, str], str] = {
}

C_FLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"]
CXX_FLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Werror", "-pedantic", "-DJSON_USE_IMPLICIT_CONVERSIONS=0"]
C_FRAGMENT_HEADERS = ["drp/drp.h", "stddef.h", "stdio.h", "stdlib.h", "string.h"]


@dataclasses.dataclass
class Snippet:
    doc: str            # "docs/integration.md"
    line: int           # line of the opening fence (1-based)
    lang: str           # "c", "cpp", "python"
    code: str           # the block's text (fence indentation removed)
    kind: str = "whole"  # "whole", "fragment", "excerpt", "skip"
    arg: str = ""       # excerpt: the path; skip: the reason
    given: str = ""     # fragment: the comment's lines after the first
    given_line: int = 0  # line of the given's first line

    @property
    def id(self):
        return f"{self.doc}:{self.line}"

    @property
    def first_code_line(self):
        return self.line + 1

    def numbered(self):
        return "\n".join(f"{self.first_code_line + i:5}  {text}" for i, text in enumerate(self.code.splitlines()))


FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")
DIRECTIVE = re.compile(r"<!--\s*snippet:\s*(?P<kind>[\w-]+)[ \t]*(?P<arg>[^\n]*?)[ \t]*(?:-->|\n|$)")


def _directive(lines, fence_index):
    """The snippet comment ending right before line `fence_index` (blank lines allowed)."""
    i = fence_index - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    if i < 0 or not lines[i].rstrip().endswith("-->"):
        return None
    end = i
    while i >= 0 and "<!--" not in lines[i]:
        i -= 1
    if i < 0 or not re.search(r"<!--\s*snippet:", lines[i]):
        return None
    text = "\n".join(lines[i:end + 1])
    m = DIRECTIVE.search(text)
    first, _, rest = text.partition("\n")
    given = rest.rsplit("-->", 1)[0] if rest else ""
    return m.group("kind"), m.group("arg").removesuffix("-->").strip(), given, i + 2


def snippets(path: pathlib.Path):
    doc = path.relative_to(ROOT).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group("indent"), m.group("fence"), m.group("info").lower()
        j = i + 1
        while j < len(lines) and not (lines[j].strip().startswith(fence) and lines[j].strip().strip(fence[0]) == ""):
            j += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1:j]]
        d = _directive(lines, i)
        if info in CHECKED or (d and d[0] == "excerpt"):  # any block may quote a file
            s = Snippet(doc, i + 1, CHECKED.get(info, info), "\n".join(body) + "\n")
            if d:
                s.kind, s.arg, s.given, s.given_line = d
            out.append(s)
        i = j + 1
    return out


ALL = [s for path in DOCS for s in snippets(path)]


def test_the_docs_have_snippets():
    """The parser finds the blocks (a broken parser must not pass by checking nothing)."""
    langs = {s.lang for s in ALL}
    assert {"c", "python", "cpp"} <= langs, langs
    assert len(ALL) >= 20, [s.id for s in ALL]


def test_no_python_block_escapes_the_check():
    """A block marked python3, ipython, pycon... would not run: each Python-looking fence
    must use one of the names this file runs (issue 16: every Python block runs)."""
    escaped = []
    for path in [*DOCS, *sorted((ROOT / "docs").rglob("*.md")), ROOT / "examples" / "README.md"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = FENCE.match(line)
            info = m.group("info").lower() if m else ""
            if ("py" in info or "jupyter" in info) and info not in CHECKED:
                escaped.append(f"{path.relative_to(ROOT)}:{n} ({info})")
    assert not escaped, "write these fences as ```python so that they run: " + ", ".join(escaped)


def test_every_skip_is_listed_and_every_listing_used():
    skips = {(s.doc, s.arg): s.id for s in ALL if s.kind == "skip"}
    unlisted = [f"{where} ({reason!r})" for (doc, reason), where in skips.items() if (doc, reason) not in SKIPS]
    assert not unlisted, ("skipped snippets must be rare and listed in SKIPS with a justification "
                          "(or made to compile/run with <!-- snippet: fragment -->): " + ", ".join(unlisted))
    stale = [key for key in SKIPS if key not in skips]
    assert not stale, f"SKIPS lists snippets that no longer skip: {stale}"


# ---- C and C++ --------------------------------------------------------------------------

def _line(n, doc):
    return f'#line {n} "{doc}"'


def _source(s: Snippet):
    """The translation unit for a C or C++ snippet."""
    if s.kind not in ("fragment", "toplevel"):
        return f"{_line(s.first_code_line, s.doc)}\n{s.code}"
    hoisted, body = [], []
    for n, text in enumerate(s.code.splitlines(), s.first_code_line):
        if text.lstrip().startswith("#"):
            hoisted.append(f"{_line(n, s.doc)}\n{text}")
            body.append("")
        else:
            body.append(text)
    headers = C_FRAGMENT_HEADERS if s.lang == "c" else ["drp/drp.h"]
    parts = [f"#include <{h}>" for h in headers]
    parts += hoisted
    if s.given.strip():
        parts += [_line(s.given_line, s.doc), s.given]
    if s.kind == "toplevel":
        parts += [_line(s.first_code_line, s.doc), "\n".join(body)]
    else:
        parts += ["void drp_doc_snippet(void);", "void drp_doc_snippet(void) {", _line(s.first_code_line, s.doc),
                  "\n".join(body), "}"]
    return "\n".join(parts) + "\n"


def _libdrp():
    lib = BUILD / "libdrp.so"
    if not lib.exists():
        pytest.fail(f"libdrp.so not built at {lib}; build first (DRP_BUILD_DIR=... scripts/build.sh)")
    return lib


def _include_flags():
    return [f"-I{BUILD / 'include'}", f"-I{ROOT / 'include'}"]


def _compile(s: Snippet, workdir: pathlib.Path, farm: pathlib.Path):
    """Compiles (and for a C main program runs) one snippet. Returns None or the failure."""
    name = re.sub(r"[^\w]+", "_", s.id)
    src = workdir / (name + (".c" if s.lang == "c" else ".cpp"))
    text = _source(s)
    src.write_text(text, encoding="utf-8")
    whole_program = s.lang == "c" and s.kind == "whole" and re.search(r"\bint\s+main\s*\(", s.code)
    if s.lang == "c":
        cmd = ["cc", *C_FLAGS, *_include_flags(), str(src)]
        if s.kind == "toplevel":
            cmd.append("-Wno-unused-function")
        if whole_program:
            lib = _libdrp()
            cmd += ["-o", str(workdir / name), str(lib), f"-Wl,-rpath,{lib.parent}"]
        else:
            cmd += ["-c", "-o", str(workdir / (name + ".o"))]
    else:
        cmd = ["c++", *CXX_FLAGS, *_include_flags(), "-fsyntax-only", str(src)]
        if s.kind == "toplevel":
            cmd.append("-Wno-unused-function")
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        hint = ("\n(Statements rather than a whole translation unit? Put <!-- snippet: fragment --> before the "
                "block, with declarations of what it assumes: see the convention in tests/python/"
                "test_doc_snippets.py.)" if s.kind == "whole" else "")
        return (f"{s.id}: the {s.lang} snippet does not compile ({' '.join(cmd[:1] + cmd[1:len(C_FLAGS) + 1])}):\n"
                f"{r.stderr}{hint}\n--- the snippet ---\n{s.numbered()}\n--- compiled as ({src.name}) ---\n{text}")
    if whole_program:
        r = subprocess.run([str(workdir / name)], capture_output=True, text=True, timeout=60, cwd=farm)
        if r.returncode != 0:
            return (f"{s.id}: the C program exits {r.returncode}:\n{r.stdout}\n{r.stderr}\n"
                    f"--- the snippet ---\n{s.numbered()}")
    return None


@pytest.fixture(scope="session")
def farm(tmp_path_factory):
    """A scratch working directory that looks like the repository root."""
    d = tmp_path_factory.mktemp("doc-snippets-cwd")
    for entry in ROOT.iterdir():
        if entry.name != ".git":
            (d / entry.name).symlink_to(entry)
    return d


@pytest.fixture(scope="session")
def compiled(request, tmp_path_factory, farm):
    """Compiles the selected C and C++ snippets, two at a time (a 2-core machine), on first use."""
    if shutil.which("cc") is None or shutil.which("c++") is None:
        pytest.fail("cc and c++ are needed to check the C and C++ snippets")
    selected = {item.callspec.params["s"].id for item in request.session.items
                if hasattr(item, "callspec") and "s" in item.callspec.params}
    workdir = tmp_path_factory.mktemp("doc-snippets-cc")
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    futures = {s.id: pool.submit(_compile, s, workdir, farm)
               for s in ALL if s.lang in ("c", "cpp") and s.kind in ("whole", "fragment", "toplevel")
               and s.id in selected}
    yield futures
    pool.shutdown(cancel_futures=True)


# ---- Python -----------------------------------------------------------------------------

class _FileRun:
    """The blocks of one doc file, run in order in one namespace."""

    def __init__(self, doc):
        self.namespace = {"__name__": "__doc_snippet__", "__file__": doc}
        self.results = {}  # snippet id -> None (ran) or the failure


_RUNS: dict[str, _FileRun] = {}


def _exec(code, doc, first_line, namespace):
    # Padded so the traceback's line numbers are the doc's.
    exec(compile("\n" * (first_line - 1) + code, doc, "exec"), namespace)


def _run_python(s: Snippet, farm):
    run = _RUNS.setdefault(s.doc, _FileRun(s.doc))
    if s.id in run.results:
        return run.results[s.id]
    earlier = [e for e in ALL if e.doc == s.doc and e.lang == "python" and e.line < s.line and e.kind != "skip"]
    for e in earlier:
        if e.id not in run.results:
            _run_python(e, farm)
        if run.results[e.id] is not None:
            run.results[s.id] = f"{s.id}: not run: it may build on {e.id}, which failed"
            return run.results[s.id]
    if s.kind == "excerpt":  # handled by the caller; nothing to run
        run.results[s.id] = None
        return None
    old_cwd = os.getcwd()
    out = io.StringIO()
    try:
        os.chdir(farm)
        with warnings.catch_warnings(), contextlib.redirect_stdout(out):
            for category in (FutureWarning, DeprecationWarning):
                warnings.filterwarnings("error", category=category, module="__doc_snippet__")
                warnings.filterwarnings("error", category=category, module=re.escape(s.doc))
            if s.given.strip():
                _exec(s.given, s.doc, s.given_line, run.namespace)
            if s.code.lstrip().startswith(">>>"):
                test = doctest.DocTestParser().get_doctest(s.code, run.namespace, s.id, s.doc, s.line)
                runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
                report = io.StringIO()
                runner.run(test, out=report.write, clear_globs=False)
                run.namespace.update(test.globs)  # DocTest copied the namespace: later blocks see its names
                if runner.failures:
                    raise AssertionError(f"doctest failures:\n{report.getvalue()}")
            else:
                _exec(s.code, s.doc, s.first_code_line, run.namespace)
        run.results[s.id] = None
    except BaseException as e:  # noqa: BLE001 - any failure of the snippet is the test's failure
        if isinstance(e, KeyboardInterrupt):
            raise
        tb = traceback.TracebackException.from_exception(e)
        tb.stack = traceback.StackSummary.from_list(  # the snippet's frames and below, not this file's
            [f for f in tb.stack if f.filename != __file__])
        tb = "".join(tb.format())
        run.results[s.id] = (f"{s.id}: the Python snippet fails:\n{tb}\n--- the snippet ---\n{s.numbered()}\n"
                             f"--- its output before the failure ---\n{out.getvalue()[-3000:]}")
    finally:
        os.chdir(old_cwd)
    return run.results[s.id]


# ---- excerpts ---------------------------------------------------------------------------

def _check_excerpt(s: Snippet):
    path = ROOT / s.arg
    if not s.arg or not path.is_file():
        return f"{s.id}: <!-- snippet: excerpt PATH --> names no file of the repository: {s.arg!r}"
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    source, at = squash(path.read_text(encoding="utf-8")), 0
    for n, text in enumerate(s.code.splitlines(), s.first_code_line):
        quoted = squash(text)
        if not quoted or quoted in ("...", "…", "//...", "/*...*/", "#..."):
            continue
        found = source.find(quoted, at)
        if found < 0:
            where = "earlier in" if quoted in source else "in"
            return (f"{s.doc}:{n}: this line of the excerpt is not {where} {s.arg} "
                    f"{'(out of order)' if where == 'earlier in' else ''}:\n    {text.strip()}\n"
                    f"--- the snippet ---\n{s.numbered()}")
        at = found + len(quoted)
    return None


# ---- the tests ---------------------------------------------------------------------------

@pytest.mark.parametrize("s", ALL, ids=[s.id for s in ALL])
def test_snippet(s: Snippet, request, farm):
    if s.kind not in ("whole", "fragment", "toplevel", "excerpt", "skip"):
        pytest.fail(f"{s.id}: unknown snippet comment kind {s.kind!r} (fragment, toplevel, excerpt or skip)")
    if s.kind == "skip":
        justification = SKIPS.get((s.doc, s.arg))
        if justification is None:
            pytest.fail(f"{s.id}: skipped ({s.arg!r}) but not listed in SKIPS of {pathlib.Path(__file__).name}")
        pytest.skip(f"{s.arg}: {justification}")
    if s.kind == "excerpt":
        failure = _check_excerpt(s)
    elif s.lang == "python":
        failure = _run_python(s, farm)
    else:
        failure = request.getfixturevalue("compiled")[s.id].result()
    if failure:
        pytest.fail(failure, pytrace=False)
