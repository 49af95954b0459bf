from __future__ import annotations


def test_interface_is_vietnamese_even_for_an_english_browser(client, db):
    response = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert "<title>Đăng nhập · XDĐ</title>" in response.content.decode()
