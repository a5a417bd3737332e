# Draws the catalog's step pictograms (committed as PNG; not run at build time).
import os

from PIL import Image, ImageDraw, ImageFont
F = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
W, H = 480, 300
BLUE, DARK, GREEN, RED, GREY, WHITE = (30, 90, 170), (30, 40, 60), (30, 140, 80), (200, 50, 40), (225, 230, 238), (255, 255, 255)
def canvas():
    im = Image.new("RGB", (W, H), WHITE); d = ImageDraw.Draw(im)
    d.rounded_rectangle([4, 4, W - 5, H - 5], 18, outline=GREY, width=4); return im, d
def font(n): return ImageFont.truetype(F, n)
def caption(d, text):
    f = font(26); w = d.textlength(text, font=f); d.text(((W - w) / 2, H - 52), text, fill=DARK, font=f)
def phone(d, x=180, y=24, w=120, h=200, screen=None):
    d.rounded_rectangle([x, y, x + w, y + h], 16, fill=DARK); d.rounded_rectangle([x + 8, y + 18, x + w - 8, y + h - 22], 6, fill=WHITE)
    if screen: screen(d, x + 8, y + 18, x + w - 8, y + h - 22)
def card(d, x=120, y=40, w=240, h=150):
    d.rounded_rectangle([x, y, x + w, y + h], 14, fill=(235, 242, 252), outline=BLUE, width=4)
    d.rectangle([x + 16, y + 30, x + 76, y + 105], fill=GREY); d.ellipse([x + 30, y + 40, x + 62, y + 72], fill=(170, 180, 195))
    d.rectangle([x + 180, y + 20, x + 224, y + 52], fill=(210, 170, 60))
    for i in range(3): d.rectangle([x + 92, y + 40 + i * 24, x + 92 + 110 - i * 20, y + 52 + i * 24], fill=(150, 165, 190))
    d.rectangle([x + 180, y + 88, x + 224, y + 132], outline=DARK, width=3)
    for i in range(4):
        for j in range(4):
            if (i * 3 + j) % 2: d.rectangle([x + 184 + i * 10, y + 92 + j * 10, x + 192 + i * 10, y + 100 + j * 10], fill=DARK)
pics = {}
def p(name):
    def deco(fn): pics[name] = fn; return fn
    return deco
@p("the_can_cuoc")
def _(d): card(d); caption(d, "Thẻ căn cước gắn chip")
@p("cong_an_xa")
def _(d):
    d.polygon([(120, 110), (240, 40), (360, 110)], fill=RED); d.rectangle([140, 110, 340, 220], fill=(245, 225, 200), outline=DARK, width=3)
    d.rectangle([220, 150, 260, 220], fill=DARK); d.ellipse([226, 60, 254, 88], fill=(250, 210, 60)); caption(d, "Công an cấp xã")
@p("so_dien_thoai")
def _(d):
    phone(d, screen=lambda d, a, b, c, e: (d.text((a + 8, b + 50), "09xx", fill=DARK, font=font(26)), d.text((a + 8, b + 90), "chính chủ", fill=GREEN, font=font(16))))
    caption(d, "Số điện thoại chính chủ")
@p("ma_otp")
def _(d):
    phone(d, screen=lambda d, a, b, c, e: (d.text((a + 6, b + 30), "OTP", fill=BLUE, font=font(22)), d.text((a + 4, b + 70), "123456", fill=DARK, font=font(24))))
    caption(d, "Nhập mã OTP")
@p("mat_khau")
def _(d):
    phone(d, screen=lambda d, a, b, c, e: [d.ellipse([a + 8 + i * 17, b + 70, a + 20 + i * 17, b + 82], fill=DARK) for i in range(5)])
    caption(d, "Mật khẩu 8–20 ký tự")
@p("khuon_mat")
def _(d):
    phone(d, screen=lambda d, a, b, c, e: (d.ellipse([a + 22, b + 30, c - 22, b + 120], outline=GREEN, width=5), d.ellipse([a + 38, b + 60, a + 46, b + 68], fill=DARK), d.ellipse([c - 46, b + 60, c - 38, b + 68], fill=DARK)))
    caption(d, "Xác thực khuôn mặt")
@p("ung_dung_vneid")
def _(d):
    phone(d, screen=lambda d, a, b, c, e: (d.rounded_rectangle([a + 20, b + 30, c - 20, b + 100], 12, fill=RED), d.text((a + 22, b + 50), "VNeID", fill=WHITE, font=font(18))))
    caption(d, "Ứng dụng VNeID")
@p("cong_dich_vu_cong")
def _(d):
    d.rounded_rectangle([90, 30, 390, 210], 10, fill=DARK); d.rectangle([102, 44, 378, 196], fill=WHITE)
    d.rectangle([102, 44, 378, 76], fill=BLUE); d.text((112, 48), "dichvucong.gov.vn", fill=WHITE, font=font(18))
    for i in range(3): d.rectangle([120, 92 + i * 32, 360, 112 + i * 32], outline=GREY, width=3)
    d.polygon([(180, 228), (300, 228), (280, 212), (200, 212)], fill=DARK); caption(d, "Cổng dịch vụ công")
@p("giay_to")
def _(d):
    for k, c in enumerate([(250, 250, 240), (240, 245, 255)]):
        x = 150 + k * 60; y = 30 + k * 20
        d.rectangle([x, y, x + 140, y + 180], fill=c, outline=DARK, width=3)
        for i in range(5): d.rectangle([x + 16, y + 30 + i * 26, x + 124, y + 38 + i * 26], fill=(160, 170, 190))
    caption(d, "Chuẩn bị giấy tờ")
@p("chup_anh_giay_to")
def _(d):
    d.rectangle([120, 60, 260, 220], fill=(250, 250, 240), outline=DARK, width=3)
    d.rounded_rectangle([230, 40, 380, 150], 14, fill=DARK); d.ellipse([275, 62, 335, 122], fill=(90, 110, 140)); d.ellipse([290, 77, 320, 107], fill=(40, 50, 70))
    caption(d, "Chụp ảnh giấy tờ rõ nét")
@p("tre_so_sinh")
def _(d):
    d.ellipse([200, 40, 280, 120], fill=(250, 220, 190)); d.rounded_rectangle([170, 110, 310, 220], 40, fill=(190, 215, 245)); caption(d, "Khai sinh cho trẻ")
@p("nha_o")
def _(d):
    d.polygon([(130, 120), (240, 40), (350, 120)], fill=(180, 90, 60)); d.rectangle([150, 120, 330, 225], fill=(245, 235, 215), outline=DARK, width=3)
    d.rectangle([222, 160, 258, 225], fill=(120, 80, 50)); d.rectangle([170, 140, 205, 170], fill=(190, 215, 245)); caption(d, "Nơi cư trú")
@p("nhan_ket_qua")
def _(d):
    d.rectangle([160, 30, 320, 220], fill=WHITE, outline=DARK, width=3)
    d.line([(195, 130), (230, 170), (295, 80)], fill=GREEN, width=14); caption(d, "Nhận kết quả")
for name, fn in pics.items():
    im, d = canvas(); fn(d); im.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.png"), optimize=True)
print(len(pics))
