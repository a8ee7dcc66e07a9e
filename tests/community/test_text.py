from innocluster.features.community.text import linkify


def test_everything_is_escaped_and_only_http_links_are_made():
    html = str(
        linkify('<script>alert(1)</script> "x" & javascript:alert(1) ftp://x.ru mailto:a@b.ru')
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &amp;" in html
    assert "<a " not in html


def test_an_http_link_becomes_a_safe_anchor():
    html = str(linkify('Смотрите https://i.moscow/a?x=1&y="2" и www.mos.ru.\nВторая строка'))
    assert '<a href="https://i.moscow/a?x=1&amp;y=&quot;2&quot;" rel="nofollow noopener' in html
    assert '<a href="http://www.mos.ru" rel=' in html
    assert "<br>Вторая строка" in html


def test_a_link_cannot_break_out_of_its_attribute():
    html = str(linkify('https://example.com/"onmouseover="alert(1)'))
    assert '"onmouseover=' not in html
    assert "&quot;onmouseover=&quot;" in html
