"""Text of one generated document, by form: notice, plan, decision, decree, law, directive,
letter, report (reports and invitations) and news page. Each form writes through a `Builder`
so that every citation and task it prints is recorded in the ground truth.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from .gen_build import Builder
from .gen_model import Meta
from .gen_text import pick, rint, ETH, date_long, date_short
from .gen_units import data

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
Cites = list[tuple[Meta, str]]


# ---------------------------------------------------------------- shared parts

def person(b: Builder) -> str:
    n = data()["names"]
    r = b.rng
    return f"{r.choice(n['surnames'])} {r.choice(n['middles'])} {r.choice(n['givens'])}"


def boss(m: Meta) -> str:
    """Who tasks report to: 'UBND tỉnh', 'Chủ tịch UBND huyện', 'Thủ tướng Chính phủ'."""
    if m.unit is None:
        return "Thủ tướng Chính phủ" if m.ikind in ("CP", "TTg", "VPCP") else m.issuer
    if m.ikind == "party":
        return f"Ban Thường vụ {m.issuer.rsplit(' ' + m.unit.short, 1)[0]}"
    return f"UBND {m.unit.kind}"


def place(m: Meta) -> str:
    u = m.unit
    if u is None:
        return "Hà Nội"
    if u.parent is None:
        return u.short
    if u.parent.parent is None:
        return {"thành phố": f"TP. {u.short}", "thị xã": f"TX. {u.short}", "quận": u.parent.short}.get(u.kind, u.short)
    return u.short


def issuer_block(m: Meta) -> str:
    u = m.unit
    if u is None:
        nat = data()["national_issuers"].get(m.ikind)
        return nat["header"] if nat else m.issuer.upper()
    if m.ikind == "ubnd":
        return f"ỦY BAN NHÂN DÂN\n{u.full.upper()}"
    if m.ikind == "hdnd":
        return f"HỘI ĐỒNG NHÂN DÂN\n{u.full.upper()}"
    if m.ikind == "so":
        return f"UBND {u.full.upper()}\n{(m.extra or '').upper()}"
    return f"ĐẢNG BỘ {u.province.full.upper()}\n{m.issuer.upper()}"


def number_line(b: Builder) -> str:
    m = b.meta
    sym = m.symbol or ""
    if m.family == "party":
        return f"Số {sym}" if b.rng.random() < 0.5 else f"Số: {sym}"
    if not b.draft and b.rng.random() < 0.08:
        sym = sym.replace("/", " /", 1)          # "Số: 311 /TB-UBND", as typed in real notices
    return f"Số: {sym}"


def date_line(b: Builder) -> str:
    m = b.meta
    d = m.date
    if b.blank_day or d is None:
        return f"{place(m)}, ngày    tháng {b.true_date.month} năm {b.true_date.year}"
    return f"{place(m)}, {date_long(d)}"


def header(b: Builder, title: str, subject: str, letter: bool = False) -> list[str]:
    m = b.meta
    out: list[str] = []
    if b.rng.random() < 0.5:
        out.append(issuer_block(m))
        out.append(PARTY_MOTTO if m.family == "party" else MOTTO)
    out.append(number_line(b))
    if letter:
        out.append(subject)
        out.append(date_line(b))
    else:
        out.append(date_line(b))
        out.append(title)
        out.append(subject)
    return out


def recipients(b: Builder, first: list[str]) -> str:
    m = b.meta
    lvl = {"national": ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương", "VPCP: BTCN, các PCN, Cổng TTĐT"],
           "province": ["Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "CT, các PCT UBND tỉnh", "Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố", "Cổng TTĐT tỉnh"],
           "district": ["UBND tỉnh (B/c)", "TT Huyện ủy, TT HĐND", "CT, PCT UBND", "Các phòng, ban, ngành", "UBND các xã, thị trấn", "CPVP, CVVP"],
           "commune": ["UBND huyện (B/c)", "TT Đảng ủy, TT HĐND xã", "CT, PCT UBND xã", "Các ban, ngành, đoàn thể", "Trưởng các thôn, tổ dân phố"]}[m.level]
    items = first + b.rng.sample(lvl, rint(b.rng, 2, len(lvl)))
    b.recipients = items + ["Lưu: VT"]
    return "Nơi nhận:\n\n" + "\n".join(f"- {x};" for x in items) + "\n- Lưu: VT."


def signature(b: Builder) -> str:
    m = b.meta
    sigs = data()["signatures"]
    if m.unit is None:
        pool = sigs[m.ikind if m.ikind in sigs else "MIN"]
    elif m.ikind == "ubnd":
        pool = sigs["ubnd_notice"] if m.type == "TB" else sigs["ubnd"]
    else:
        pool = sigs[m.ikind]
    block = pick(b.rng, pool)
    name = person(b)
    b.signer = {"name": name, "authority": block.replace("\n", " / ")}
    return f"{block}\n\n{name}" if b.rng.random() < 0.6 else f"**{block}**\n\n{name}"


def split(cites: Cites) -> dict[str, list[Meta]]:
    by: dict[str, list[Meta]] = {}
    for t, rel in cites:
        by.setdefault(rel, []).append(t)
    return by


def task_items(b: Builder, k: int, start: int = 1, impl: list[Meta] | None = None,
               numbered: bool = True) -> list[str]:
    """k assignment items; the first implemented instrument may be cited inside one of them."""
    rng = b.rng
    m = b.meta
    acts = data()["actions"]
    bs = boss(m)
    out = []
    ags = b.agencies(k + 2)
    for j in range(min(k, len(ags) - 2) if len(ags) > 2 else min(k, len(ags))):
        agency = ags[j]
        coords = [ags[-1]] if rng.random() < 0.35 else ([ags[-1], ags[-2]] if rng.random() < 0.15 else [])
        cites: list[str] = []
        if impl and j == 0:
            t = impl[0]
            action = f"tham mưu xây dựng kế hoạch của {bs} tổ chức triển khai thực hiện {b.cite(t, 'IMPLEMENTS')}"
            cites.append(t.key)
        else:
            action = pick(rng, acts).format(boss=bs)
            if rng.random() < 0.4:
                action += f" về {m.topic}"
        out.append(b.task(start + j if numbered else None, agency, action, bs, coords, cites))
    return out


# ---------------------------------------------------------------- forms

def notice(b: Builder, cites: Cites) -> str:
    m, rng = b.meta, b.rng
    by = split(cites)
    unit_name = f"UBND {m.unit.kind}" if m.unit else m.issuer
    chair_title = pick(rng, data()["chair_titles"].get(m.level, ["Chủ tịch UBND {unit}"])).format(
        unit=m.unit.kind if m.unit else "")
    chair = person(b)
    b.chair = {"name": chair, "title": chair_title}
    meet = b.true_date - timedelta(days=rint(rng, 0, 3))
    meeting = pick(rng, data()["meetings"]).format(ubnd=unit_name, month=f"{meet.month}/{meet.year}", topic=m.topic)
    m.subject = f"Kết luận của {chair_title} tại {meeting}"
    paras = header(b, "THÔNG BÁO", m.subject[0].upper() + m.subject[1:])
    when = date_short(meet, rng) if rng.random() < 0.7 else date_long(meet, pad=False)[5:]
    lead = f"Ngày {when}, tại {meeting}, Đ/c {chair} - {chair_title} đã chủ trì"
    for t in by.get("CITES", []):
        lead += f". Tham dự cuộc họp có các thành phần theo {b.cite(t, 'CITES', subject=0.0)}"
    paras.append(lead + ". Sau khi nghe các cơ quan, đơn vị báo cáo, ý kiến thảo luận của các thành viên dự họp, "
                 f"Đ/c {chair_title} kết luận như sau:")
    impl = by.get("IMPLEMENTS", [])
    inside = impl[:1] if impl and rng.random() < 0.5 else []
    for t in impl:
        if t in inside:
            continue
        paras.append(f"Nghiêm túc chấp hành thực hiện theo chỉ đạo tại {b.cite(t, 'IMPLEMENTS')}.")
    paras += task_items(b, rint(rng, 3, 8), impl=inside)
    b.maybe_trap(paras)
    paras.append(f"Trên đây là ý kiến kết luận của Đ/c {chair_title}, {unit_name} thông báo để các cơ quan, "
                 "đơn vị liên quan biết, tổ chức thực hiện./.")
    paras.append(recipients(b, []))
    paras.append(signature(b))
    return "\n\n".join(paras)


def plan(b: Builder, cites: Cites) -> str:
    m, rng = b.meta, b.rng
    by = split(cites)
    impl = by.get("IMPLEMENTS", [])
    title = "KẾ HOẠCH" if m.type == "KH" else data()["type_titles"].get(m.type or "", "KẾ HOẠCH")
    where = f"trên địa bàn {m.unit.full}" if m.unit else "trên phạm vi toàn quốc"
    if impl and rng.random() < 0.7:
        subject_line = "Triển khai thực hiện " + b.cite(impl[0], "IMPLEMENTS", subject=0.6)
        m.subject = f"triển khai thực hiện {m.topic}"
        m.ref = replace(impl[0], ref=None, roots=())   # later mentions may name it in the subject
    else:
        subject_line = f"Thực hiện {m.topic} {where} năm {m.year}"
        m.subject = f"thực hiện {m.topic} {where} năm {m.year}"
    paras = header(b, title, subject_line)
    pre = [f"Căn cứ {b.cite(t, 'BASED_ON')};" for t in by.get("BASED_ON", [])]
    pre += [f"Thực hiện {b.cite(t, 'IMPLEMENTS')};" for t in impl]
    if pre:
        paras.append("\n".join(pre))
    who = f"UBND {m.unit.kind}" if m.ikind == "ubnd" and m.unit else (m.extra or m.issuer)
    paras.append(f"{who} ban hành Kế hoạch {m.subject} như sau:")
    paras.append("I. MỤC ĐÍCH, YÊU CẦU")
    paras.append(f"1. Tổ chức quán triệt, triển khai thực hiện nghiêm túc, hiệu quả các nhiệm vụ về {m.topic}.")
    paras.append("2. Xác định rõ nhiệm vụ, trách nhiệm của các cơ quan, đơn vị; bảo đảm sự phối hợp chặt chẽ, thường xuyên.")
    paras.append("II. NHIỆM VỤ, GIẢI PHÁP")
    paras.append(f"- Đẩy mạnh công tác thông tin, tuyên truyền về {m.topic}.")
    paras.append("- Tăng cường công tác kiểm tra, giám sát, kịp thời phát hiện, xử lý các tồn tại, hạn chế.")
    paras.append("III. TỔ CHỨC THỰC HIỆN")
    paras += task_items(b, rint(rng, 3, 6))
    for t in by.get("AMENDS", []):
        paras.append(f"Kế hoạch này sửa đổi, bổ sung {b.cite(t, 'AMENDS', subject=0.3)}.")
    for t in by.get("REPLACES", []):
        paras.append(f"Kế hoạch này thay thế {b.cite(t, 'REPLACES', subject=0.3)}.")
    b.maybe_trap(paras)
    paras.append("Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
                 f"kịp thời báo cáo {boss(m)} để xem xét, giải quyết./.")
    paras.append(recipients(b, []))
    paras.append(signature(b))
    return "\n\n".join(paras)


_CHANGE = {
    "AMENDS": ("Sửa đổi, bổ sung một số điều của {c}", "Sửa đổi, bổ sung một số điều của {c} như sau:"),
    "CORRECTS": ("Về việc đính chính {c}", "Đính chính {c} như sau: tại khoản 2 Điều 3, đã in là “ngày 30 tháng 6”, nay sửa lại là “ngày 30 tháng 9”."),
    "REPLACES": (None, "{T} này thay thế {c}."),
    "REPEALS": (None, "Bãi bỏ {c}."),
    "GUIDES": (None, "{T} này hướng dẫn thi hành {c}."),
}


def _authority(m: Meta) -> str:
    if m.unit is None:
        return {"TTg": "THỦ TƯỚNG CHÍNH PHỦ", "CP": "CHÍNH PHỦ"}.get(m.ikind, f"BỘ TRƯỞNG {m.issuer.upper()}")
    if m.ikind == "so":
        return f"GIÁM ĐỐC {(m.extra or '').upper()}"
    return f"CHỦ TỊCH ỦY BAN NHÂN DÂN {m.unit.full.upper()}"


def decision(b: Builder, cites: Cites, decree: bool = False) -> str:
    """Quyết định (administrative or normative), Nghị định, Thông tư."""
    m, rng = b.meta, b.rng
    by = split(cites)
    tname = data()["type_names"].get(m.type or "", "Quyết định")
    title = data()["type_titles"].get(m.type or "", "QUYẾT ĐỊNH")
    change = next((r for r in ("AMENDS", "CORRECTS") if r in by), None)
    body: list[str] = []
    if change:
        t = by[change][0]
        subject_line = _CHANGE[change][0].format(c=b.cite(t, change, subject=0.4))
        m.subject = _CHANGE[change][0].format(c=f"{data()['type_names'].get(t.type or '', '')} số {t.symbol}").lower()
        body.append(_CHANGE[change][1].format(c=b.cite(t, change, subject=0.0)))
    else:
        m.subject = pick(rng, ("quy định chi tiết", "ban hành Quy định về", "phê duyệt Đề án", "quy định")) + " " + m.topic
        subject_line = m.subject[0].upper() + m.subject[1:]
    paras = header(b, title, subject_line if decree else "Về việc " + subject_line[0].lower() + subject_line[1:])
    if not decree:
        paras.append(_authority(m))
    pre = []
    if m.unit is None:
        pre.append("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    else:
        pre.append("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    pre += [f"Căn cứ {b.cite(t, 'BASED_ON', subject=0.3)};" for t in by.get("BASED_ON", [])]
    pre += [f"Thực hiện {b.cite(t, 'IMPLEMENTS')};" for t in by.get("IMPLEMENTS", [])]
    if m.unit is not None:
        pre.append(f"Theo đề nghị của Giám đốc {pick(rng, data()['departments'])['name']}.")
    elif m.ikind in ("CP", "TTg"):
        pre.append(f"Theo đề nghị của Bộ trưởng {pick(rng, data()['ministries'])['name']};")
    paras.append("\n".join(pre))
    if decree:
        paras.append(f"{m.issuer} ban hành {tname} {m.subject}.")
        paras.append("Chương I\n\nQUY ĐỊNH CHUNG")
        scope = "Điều 1. Phạm vi điều chỉnh\n\n"
        guides = by.get("GUIDES", [])
        if guides:
            scope += _CHANGE["GUIDES"][1].format(T=tname, c=b.cite(guides[0], "GUIDES", subject=0.0))
        else:
            scope += f"{tname} này quy định về {m.topic}."
        paras.append(scope)
    else:
        paras.append("QUYẾT ĐỊNH:")
        paras.append(f"Điều 1. {subject_line[0].upper()}{subject_line[1:]}" if not change else "Điều 1. " + body.pop())
    paras += body
    if m.unit is not None or rng.random() < 0.5:
        paras += task_items(b, rint(rng, 1, 2), start=1, numbered=False)
    eff = [f"{tname} này có hiệu lực thi hành kể từ ngày {'ký' if not decree else date_long(b.true_date + timedelta(days=45), pad=False)[5:]}."]
    for rel in ("REPLACES", "REPEALS"):
        for t in by.get(rel, []):
            eff.append(_CHANGE[rel][1].format(T=tname, c=b.cite(t, rel, subject=0.2)))
    paras.append("Điều 2. " + " ".join(eff))
    b.maybe_trap(paras)
    paras.append(f"Điều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị và các cá nhân có liên quan "
                 f"chịu trách nhiệm thi hành {tname} này./.")
    paras.append(recipients(b, ["Như Điều 3"]))
    paras.append(signature(b))
    return "\n\n".join(paras)


_ROMAN = {"QH13": "XIII", "QH14": "XIV", "QH15": "XV"}


def law(b: Builder, cites: Cites) -> str:
    m, rng = b.meta, b.rng
    by = split(cites)
    name = m.extra or "Luật"
    amend = by.get("AMENDS", [])
    if amend:
        m.subject = f"Luật sửa đổi, bổ sung một số điều của {amend[0].extra or 'Luật'}"
    else:
        m.subject = name
    paras = header(b, "LUẬT", m.subject.upper())
    paras.append("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;")
    paras.append(f"Quốc hội ban hành {m.subject}.")
    if amend:
        paras.append(f"Điều 1. Sửa đổi, bổ sung một số điều của {b.cite(amend[0], 'AMENDS', subject=0.0)}")
    else:
        paras.append("Chương I\n\nNHỮNG QUY ĐỊNH CHUNG")
        paras.append(f"Điều 1. Phạm vi điều chỉnh\n\nLuật này quy định về {m.topic}.")
    paras.append("Điều 2. Đối tượng áp dụng\n\nLuật này áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan.")
    b.maybe_trap(paras)
    eff = b.true_date.replace(year=b.true_date.year + 1, month=1, day=1)
    paras.append(f"Điều 3. Hiệu lực thi hành\n\nLuật này có hiệu lực thi hành từ {date_long(eff)}.")
    paras.append(f"Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa {_ROMAN.get(m.term or '', '')}, "
                 f"kỳ họp thứ {rint(rng, 1, 11)} thông qua {date_long(b.true_date, pad=False)}.")
    paras.append(signature(b))
    return "\n\n".join(paras)


def directive(b: Builder, cites: Cites) -> str:
    """Chỉ thị, Nghị quyết, Kết luận, Thông báo of the Government Office, Party documents."""
    m, rng = b.meta, b.rng
    by = split(cites)
    title = data()["type_titles"].get(m.type or "", "NGHỊ QUYẾT")
    if m.kind == "kl_ttr":
        prov = pick(rng, ("Lạng Sơn", "Hòa Bình", "Bình Dương", "Thanh Hóa", "Nghệ An", "Quảng Nam"))
        m.subject = f"thanh tra việc {m.topic} tại tỉnh {prov}"
        title = "KẾT LUẬN THANH TRA"
    else:
        m.subject = m.topic
    paras = header(b, title, f"Về {m.subject}")
    impl = by.get("IMPLEMENTS", [])
    for t in by.get("BASED_ON", []):
        paras.append(f"Căn cứ {b.cite(t, 'BASED_ON', subject=0.2)};")
    if impl:
        lead = pick(rng, ("Thực hiện", "Để triển khai thực hiện", "Tiếp tục thực hiện"))
        paras.append(f"{lead} {b.cite(impl[0], 'IMPLEMENTS')}, {m.issuer} yêu cầu các cơ quan, "
                     "đơn vị tập trung thực hiện tốt một số nhiệm vụ sau:")
        for t in impl[1:]:
            paras.append(f"Đồng thời, tiếp tục tổ chức thực hiện {b.cite(t, 'IMPLEMENTS')}.")
    else:
        paras.append(f"Thời gian qua, công tác {m.topic} đã đạt được những kết quả quan trọng; tuy nhiên vẫn còn "
                     "một số tồn tại, hạn chế. Để khắc phục, yêu cầu các cơ quan, đơn vị thực hiện tốt các nhiệm vụ sau:")
    for t in by.get("CITES", []):
        paras.append(f"Các cơ quan, đơn vị tiếp tục nghiên cứu ý kiến chỉ đạo tại {b.cite(t, 'CITES', subject=0.0)}.")
    paras += task_items(b, rint(rng, 3, 6))
    b.maybe_trap(paras)
    paras.append(f"{title.capitalize()} này được phổ biến đến các cơ quan, đơn vị để thực hiện./.")
    paras.append(recipients(b, []))
    paras.append(signature(b))
    return "\n\n".join(paras)


def letter(b: Builder, cites: Cites) -> str:
    m, rng = b.meta, b.rng
    by = split(cites)
    m.subject = pick(rng, ("", "", "tiếp tục ", "triển khai các nhiệm vụ ")) + m.topic
    paras = header(b, "", f"V/v {m.subject}", letter=True)
    ags = b.agencies(3)
    paras.append("Kính gửi:\n\n" + "\n".join(f"- {b.agency(a)};" for a in ags))
    who = f"UBND {m.unit.kind}" if m.ikind == "ubnd" and m.unit else (m.extra or m.issuer)
    impl = by.get("IMPLEMENTS", [])
    if impl:
        paras.append(f"Thực hiện {b.cite(impl[0], 'IMPLEMENTS')}, {who} yêu cầu các cơ quan, đơn vị thực hiện một số nội dung sau:")
        for t in impl[1:]:
            paras.append(f"Tiếp tục thực hiện nghiêm {b.cite(t, 'IMPLEMENTS')}.")
    else:
        paras.append(f"Để {m.subject}, {who} đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:")
    for t in by.get("CITES", []):
        paras.append(f"Các nội dung khác thực hiện như {b.cite(t, 'CITES', subject=0.0)}.")
    for t in by.get("CORRECTS", []):
        paras.append(f"{who} đính chính {b.cite(t, 'CORRECTS', subject=0.0)} như sau: đã in là “Điều 5”, nay sửa lại là “Điều 6”.")
    paras += task_items(b, rint(rng, 1, 4))
    b.maybe_trap(paras)
    paras.append(f"{who} đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện./.")
    paras.append(recipients(b, ["Như trên"]))
    paras.append(signature(b))
    return "\n\n".join(paras)


def report(b: Builder, cites: Cites) -> str:
    """Báo cáo and Giấy mời: short, cite at most with CITES (phúc đáp / theo)."""
    m, rng = b.meta, b.rng
    by = split(cites)
    if m.type == "GM":
        m.subject = f"họp về {m.topic}"
        paras = header(b, "GIẤY MỜI", f"Họp về {m.topic}")
        when = b.true_date + timedelta(days=rint(rng, 1, 6))
        paras.append(f"{boss(m)} trân trọng kính mời đại diện lãnh đạo các cơ quan, đơn vị dự họp về {m.topic}.")
        paras.append(f"Thời gian: {pick(rng, (7, 8, 14))}h{pick(rng, ('00', '30'))}, ngày {date_short(when, rng)}.")
        paras.append(f"Địa điểm: Hội trường {boss(m).replace('UBND', 'Ủy ban nhân dân')}.")
    else:
        m.subject = f"tình hình, kết quả công tác {m.topic}"
        paras = header(b, "BÁO CÁO", f"Tình hình, kết quả công tác {m.topic}")
        for t in by.get("CITES", []):
            paras.append(f"Phúc đáp {b.cite(t, 'CITES')}, {boss(m)} báo cáo như sau:")
        paras.append(f"I. KẾT QUẢ ĐẠT ĐƯỢC\n\nCông tác {m.topic} được quan tâm chỉ đạo, đạt nhiều kết quả tích cực.")
        paras.append("II. TỒN TẠI, HẠN CHẾ\n\nMột số nhiệm vụ còn chậm tiến độ.")
    b.maybe_trap(paras)
    paras.append(recipients(b, []))
    paras.append(signature(b))
    return "\n\n".join(paras)


def news(b: Builder, cites: Cites) -> str:
    """A provincial portal page summarising a week of directives (seed 001)."""
    m, rng = b.meta, b.rng
    d = b.true_date
    start = d - timedelta(days=6)
    unit = f"UBND {m.unit.kind}" if m.unit else "UBND tỉnh"
    m.subject = f"Chỉ đạo, điều hành nổi bật của {unit} trong tuần"
    paras = [f"Chỉ đạo, điều hành nổi bật của {unit} trong tuần (ngày {start.day}/{start.month} "
             f"đến ngày {d.day}/{d.month}/{d.year})"]
    for t, rel in cites:
        word = data()["type_names"].get(t.type or "", "văn bản")
        verb = "yêu cầu" if t.type == "CV" else pick(rng, ("ban hành", "phê duyệt"))
        e = b.cites.get(t.key)
        sym = t.symbol or ""
        noise_kind = None
        if b.noise and rng.random() < b.noise:
            from .gen_text import CITATION_NOISE, noisy
            noise_kind = pick(rng, CITATION_NOISE)
            if noise_kind == "eth" and "Đ" not in sym:
                noise_kind = "space"
            sym = noisy(sym, noise_kind, rng)
        text = f"{unit} vừa {verb} (số {sym} ngày {date_short(t.date, rng)}) {word} {t.subject}."
        if e is None:
            e = b.cites[t.key] = {
                "symbol": t.symbol, "relation": "CITES", "target": t.key, "target_id": t.id,
                "external": t.id is None, "target_desc": t.descriptor(), "date_written": True,
                "issuer_written": unit, "mentions": 0, "noise": [],
            }
            b._targets[t.key] = t
        e["mentions"] += 1
        if noise_kind:
            e["noise"].append(noise_kind)
        paras.append(f"{word} {t.subject}")
        paras.append(text)
    b.maybe_trap(paras)
    return "Skip to main content\n" + "\n\n \n\n".join(paras)


FORMS = {"notice": notice, "plan": plan, "decision": decision, "decree": lambda b, c: decision(b, c, decree=True),
         "law": law, "directive": directive, "letter": letter, "report": report, "news": news}

__all__ = ["FORMS", "ETH"]
