"""Write synthetic.txt and cited.txt (see README.md): run from anywhere."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def synthetic_report() -> str:
    paras = []
    for n in range(1, 13):
        body = f"正文{n}，说明工发组织在这一领域的工作。"
        if n == 2:
            body = "根据 GC.17/ Res.6 号决议和理事会 IDB.41/Dec.4 号决定，见下文第 8 和9 段以及第 5 至 7 段。"
        if n == 3:
            body = "上文第一章已经说明，详见附件一和 A/80/590 号文件第 12 段。"
        if n == 4:
            body = "如第 2 段所述，大会第 70/1 号决议通过了《2030 年议程》（见下文第三章和表 1）。"
        paras.append(f"{n}. {body}")
    lines = ["联合国", "A/80/599", "大会", "Distr.: General", "", "第八十届会议", "工业发展合作", "秘书长的报告", ""]
    lines += ["一. 导言", ""] + paras[0:4] + ["", "二. 进展", ""] + paras[4:8]
    lines += ["", "表 1", "各区域的项目", "区域 项目", "非洲 12", "亚洲 9", ""]
    lines += ["三. 结论", ""] + paras[8:12] + ["", "附件一", "", "工发组织的伙伴", "", "伙伴名单如下。"]
    return "\n".join(lines) + "\n"


def cited_report() -> str:
    lines = ["联合国", "A/80/590", "大会", "Distr.: General", "", "第八十届会议", "发展筹资", "秘书长的报告", "", "一. 导言", ""]
    lines += [f"{n}. 第 {n} 项意见：发展筹资的进展。" for n in range(1, 15)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "synthetic.txt").write_text(synthetic_report(), encoding="utf-8")
    (HERE / "cited.txt").write_text(cited_report(), encoding="utf-8")
