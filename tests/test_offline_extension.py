"""The offline guard recognises everything a browser would fetch from another host."""

from offline_book import remote_loads


def test_remote_script_stylesheet_image_and_css_url_are_found():
    html = """
    <script src="https://cdn.example.org/x.js"></script>
    <link rel="stylesheet" href="//fonts.example.org/a.css">
    <img alt="" src="http://img.example.org/p.png">
    <style>@font-face { src: url('https://f.example.org/f.woff2') }</style>
    """
    assert remote_loads(html) == [
        "https://cdn.example.org/x.js",
        "//fonts.example.org/a.css",
        "http://img.example.org/p.png",
        "https://f.example.org/f.woff2",
    ]


def test_links_a_reader_follows_and_local_assets_are_allowed():
    html = """
    <a href="https://www.comensha.nl">CoMensha</a>
    <link rel="canonical" href="https://example.org/page.html">
    <script src="../_static/vendor/require.min.js"></script>
    <img alt="" src="../_images/fig.svg">
    """
    assert remote_loads(html) == []
