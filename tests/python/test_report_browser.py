"""The HTML report opened the way a manager would: in a browser (headless Chromium from
Debian, installed by scripts/install-deps.sh), screenshotted, and the charts' colours
counted on the picture. The page must render offline: Chromium runs without network."""
import pathlib
import shutil
import subprocess

import pytest
from PIL import Image

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON_LOG = ROOT / "examples" / "year" / "merton.jsonl"

# The chart colours of src/report/render_html.cpp, and what draws them.
COLOURS = {
    "met / resolved (green)": (0x1B, 0x7F, 0x3B),
    "missed (red)": (0xC0, 0x39, 0x2B),
    "running / open (blue)": (0x2E, 0x86, 0xC1),
    "category (purple)": (0x6C, 0x34, 0x83),
    "team (teal)": (0x11, 0x7A, 0x65),
    "trend, this period (rust)": (0xA0, 0x40, 0x00),
    "trend, earlier periods (light blue)": (0x54, 0x99, 0xC7),
}
LEGEND_PIXELS = 14 * 14 * 3  # a legend square, drawn in up to three charts


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.fail("Chromium is not installed: run scripts/install-deps.sh (Debian package chromium)")


def screenshot(html_path: pathlib.Path, png: pathlib.Path, height: int) -> Image.Image:
    r = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", "--disable-extensions", "--proxy-server=127.0.0.1:9",  # no network
                        f"--window-size=1100,{height}", f"--screenshot={png}", html_path.as_uri()],
                       capture_output=True, text=True, timeout=120)
    assert png.exists(), r.stderr[-2000:]
    return Image.open(png).convert("RGB")


def count(image: Image.Image, rgb, tolerance=6) -> int:
    return sum(n for n, px in image.getcolors(maxcolors=1 << 20) if all(abs(a - b) <= tolerance for a, b in zip(px, rgb)))


def test_the_charts_render_in_a_browser(tmp_path):
    report = drp.report("merton", MERTON_LOG, quarter="2025Q3", themes_from="2025-01-01")
    page = report.save(tmp_path / "q3.html")
    image = screenshot(page, tmp_path / "q3.png", height=9000)
    assert image.size == (1100, 9000)
    for what, rgb in COLOURS.items():
        assert count(image, rgb) > LEGEND_PIXELS + 1500, f"{what}: no bars drawn"
    # the page is not blank: most pixels are background, but text and tables are there
    dark = sum(n for n, px in image.getcolors(maxcolors=1 << 20) if sum(px) < 200)
    assert dark > 5000


def test_the_trend_is_drawn_with_this_quarter_in_its_own_colour(tmp_path):
    report = drp.report("merton", MERTON_LOG, quarter="Q2 2025/26")
    assert len(report["trend"]["periods"]) == 3  # Q4 2024/25, Q1 and Q2 2025/26
    page = tmp_path / "trend.html"
    # only the header, the tiles and the trend: cut the page after the trend section
    html = report.to_html()
    page.write_text(html[:html.index('<section id="stages">')] + "</main></body></html>")
    image = screenshot(page, tmp_path / "trend.png", height=1400)
    now, earlier = count(image, COLOURS["trend, this period (rust)"]), count(image, COLOURS["trend, earlier periods (light blue)"])
    assert now > 3000, "this quarter's columns are not drawn"
    assert earlier > 2 * 3000, "the earlier quarters' columns are not drawn"
    for words in ("Disputes raised", "Responses on time (%)", "Q4 2024/25", "How this period compares"):
        assert words in html


def test_the_page_speaks_in_titles_not_ids():
    html = drp.report("merton", MERTON_LOG, quarter="2025Q3").to_html()
    assert "Formal resolution: Stage 1 (IR1)" in html and "Dispute resolution meeting" in html
    assert ">IR1<" not in html and ">drm<" not in html and "@informal" not in html and "overall@" not in html
    assert "30 September 2025" in html and ">2025-09-30<" not in html


def test_an_empty_period_still_renders(tmp_path):
    report = drp.report("merton", MERTON_LOG, start="2024-01-01", end="2024-03-31")
    assert report["totals"]["active"] == 0
    page = report.save(tmp_path / "empty.html")
    assert "nothing in this period" in page.read_text()
    image = screenshot(page, tmp_path / "empty.png", height=3000)
    assert count(image, COLOURS["met / resolved (green)"]) < LEGEND_PIXELS + 50  # legends only, no bars
