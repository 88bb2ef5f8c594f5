"""The spec corpus of the backend conformance suite: ~40 small judgment-like records.

Every structured field is filled by hand (no extractor runs), and the texts are written so each
query operator has a case that matches and a near miss that must not.  The query rows live in
tests/conformance_rows.py... no: in this module too (ROWS, FILTER_ROWS, FACET_ROWS), next to the
documents their expected id sets are read from.  Paragraphs are lines of `full_text`; sentences
end at 。！？；.
"""
from __future__ import annotations

import pytest

COURTS = {
    "海门": ("江苏省海门市人民法院", "海门市人民法院", "基层", "江苏省"),
    "余杭": ("浙江省杭州市余杭区人民法院", "杭州市余杭区人民法院", "基层", "浙江省"),
    "杭互": ("杭州互联网法院", "杭州互联网法院", "基层", "浙江省"),
    "杭中": ("浙江省杭州市中级人民法院", "浙江省杭州市中级人民法院", "中级", "浙江省"),
    "京互": ("北京互联网法院", "北京互联网法院", "基层", "北京市"),
    "朝阳": ("北京市朝阳区人民法院", "北京市朝阳区人民法院", "基层", "北京市"),
    "京三中": ("北京市第三中级人民法院", "北京市第三中级人民法院", "中级", "北京市"),
    "京高": ("北京市高级人民法院", "北京市高级人民法院", "高级", "北京市"),
    "穗互": ("广州互联网法院", "广州互联网法院", "基层", "广东省"),
    "天河": ("广东省广州市天河区人民法院", "广州市天河区人民法院", "基层", "广东省"),
    "南山": ("广东省深圳市南山区人民法院", "深圳市南山区人民法院", "基层", "广东省"),
    "浦东": ("上海市浦东新区人民法院", "上海市浦东新区人民法院", "基层", "上海市"),
    "沪一中": ("上海市第一中级人民法院", "上海市第一中级人民法院", "中级", "上海市"),
    "武侯": ("四川省成都市武侯区人民法院", "成都市武侯区人民法院", "基层", "四川省"),
}
CRIMINAL_LAW = "中华人民共和国刑法"


def case(doc_id, date, title, court, number, *, case_type="刑事", procedure="一审", document_type="判决书",
         claims="", facts="", reasoning="", operative="", charges=(), causes=(), statutes=(), platforms=(),
         remedies=(), parties=(), involved=None, fine=None, kind="judgment", body="") -> dict:
    """A record dict (Record.from_dict) whose full text is its header and sections, one per line."""
    printed, short, level, province = COURTS[court] if court else (None, None, None, None)
    sections = {"claims": claims, "facts": facts, "reasoning": reasoning, "operative": operative}
    header = [printed, f"{case_type}{document_type}" if kind == "judgment" else None, number]
    return {
        "id": doc_id, "title": title, "kind": kind, "date": date,
        "full_text": "\n".join(part for part in [*header, body, claims, facts, reasoning, operative] if part),
        "source": {"name": "conformance"},
        "case_number": number,
        "court": {"name": printed, "short_name": short, "level": level, "province": province} if court else None,
        "case_type": case_type if kind == "judgment" else None,
        "procedure": procedure if kind == "judgment" else None,
        "document_type": document_type if kind == "judgment" else None,
        "sections": {name: text for name, text in sections.items() if text},
        "charges": list(charges), "causes": list(causes),
        "statutes": [{"law": law, "article": article} for law, article in statutes],
        "platforms": [{"name": name} for name in platforms],
        "remedies": [{"type": kind_, "amount_yuan": amount} for kind_, amount in remedies],
        "parties": [{"name": name, "role": "被告人" if case_type == "刑事" else "被告", "kind": "person"}
                    for name in parties],
        "amount_involved_yuan": involved,
        "sentences": [{"defendant": parties[0], "fine_yuan": fine}] if fine else [],
    }


def criminal(doc_id, date, title, court, number, charge, article, **kw) -> dict:
    return case(doc_id, date, title, court, number, charges=[charge], statutes=[(CRIMINAL_LAW, article)], **kw)


def civil(doc_id, date, title, court, number, cause, **kw) -> dict:
    return case(doc_id, date, title, court, number, case_type="民事", causes=[cause], **kw)


DOCS = [
    # c01: 恶意差评 as a phrase; 差评 … 敲诈 in one sentence, 5 positions apart; "2017年3月"
    criminal("c01", "2017-11-07", "张某敲诈勒索一审刑事判决书", "海门", "（2017）苏0684刑初123号", "敲诈勒索罪", 274,
             facts="经审理查明：2017年3月，被告人张某在淘宝网店购物后以恶意差评相要挟敲诈店主，索要人民币3000元。",
             reasoning="本院认为，被告人张某以非法占有为目的，其行为已构成敲诈勒索罪。",
             operative="被告人张某犯敲诈勒索罪，判处有期徒刑一年，并处罚金人民币5000元。",
             platforms=["淘宝"], parties=["张某"], involved=3000, fine=5000),
    # c02: 恶意 … 差评 apart; 差评 and 敲诈 in one paragraph but two sentences; 刷单
    criminal("c02", "2018-03-15", "李某敲诈勒索一审刑事判决书", "海门", "（2018）苏0684刑初45号", "敲诈勒索罪", 274,
             facts="经审理查明：被告人李某组织刷单后恶意给予差评。随后李某以撤销评价为条件向商家敲诈财物。",
             reasoning="本院认为，被告人李某的行为构成敲诈勒索罪。",
             operative="被告人李某犯敲诈勒索罪，判处有期徒刑八个月。",
             platforms=["京东"], parties=["李某"], involved=8000),
    # c03: 刷单 without 差评 or 敲诈; 130,000.00 as one token
    criminal("c03", "2016-05-20", "王某诈骗一审刑事判决书", "余杭", "（2016）浙0110刑初301号", "诈骗罪", 266,
             facts="经审理查明：被告人王某以刷单返利为名骗取被害人钱款共计人民币130,000.00元。",
             reasoning="本院认为，被告人王某骗取他人财物，数额巨大，其行为已构成诈骗罪。",
             operative="被告人王某犯诈骗罪，判处有期徒刑三年。",
             platforms=["拼多多"], parties=["王某"], involved=130000),
    # c04: civil 差评 (no 敲诈, no 刷单); 信用评价 in the reasoning; 赔礼道歉 claimed and granted
    civil("c04", "2019-06-10", "某网店与刘某网络侵权责任纠纷一审民事判决书", "杭互", "（2019）浙0192民初1001号",
          "网络侵权责任纠纷",
          claims="原告诉讼请求：判令被告赔礼道歉并赔偿损失6000元。",
          facts="经审理查明：被告在淘宝平台购物后发布差评，称商品为假货。",
          reasoning="本院认为，被告发布的评价内容缺乏事实依据，降低了原告的信用评价。",
          operative="被告于本判决生效之日起十日内向原告赔礼道歉，并赔偿原告经济损失6000元。",
          statutes=[("中华人民共和国侵权责任法", 6)], platforms=["淘宝"], parties=["刘某"],
          remedies=[("赔礼道歉", None), ("赔偿损失", 6000)]),
    # c05: 差评 only in the reasoning
    civil("c05", "2020-08-18", "某公司与周某网络侵权责任纠纷一审民事判决书", "京互", "（2020）京0491民初2002号",
          "网络侵权责任纠纷",
          facts="经审理查明：被告在购物平台上对原告店铺发表负面评论并配有图片。",
          reasoning="本院认为，消费者有权发表差评，但不得借差评之名诋毁商家。本案评论未超出合理限度。",
          operative="驳回原告的全部诉讼请求。", parties=["周某"]),
    # c06: 差评 in the facts, 敲诈 in the reasoning: two paragraphs
    civil("c06", "2021-01-12", "某商行与黄某网络侵权责任纠纷一审民事判决书", "穗互", "（2021）粤0192民初303号",
          "网络侵权责任纠纷",
          facts="经审理查明：原告认为被告的差评系同行恶意竞争。",
          reasoning="本院认为，原告关于被告敲诈的主张缺乏证据。",
          operative="驳回原告的全部诉讼请求。", parties=["黄某"]),
    # c07: 差评；敲诈 — one paragraph, two sentences split by a semicolon; pre-2016 case number
    criminal("c07", "2015-09-09", "赵某敲诈勒索一审刑事判决书", "朝阳", "（2015）朝刑初字第707号", "敲诈勒索罪", 274,
             facts="经审理查明：被告人赵某在网店留下差评；次日向店主敲诈钱财二千元。",
             reasoning="本院认为，被告人赵某的行为已构成敲诈勒索罪，但犯罪情节较轻。",
             operative="被告人赵某犯敲诈勒索罪，判处拘役五个月。",
             parties=["赵某"], involved=2000),
    # c08: 删帖 then 收费 three positions apart (slop 2)
    criminal("c08", "2014-04-02", "周某非法经营一审刑事判决书", "朝阳", "（2014）朝刑初字第88号", "非法经营罪", 225,
             facts="经审理查明：被告人周某通过网络承诺删帖后收费，共获利人民币20000元。",
             reasoning="本院认为，被告人周某违反国家规定，扰乱市场秩序，其行为已构成非法经营罪。",
             operative="被告人周某犯非法经营罪，判处有期徒刑二年。",
             parties=["周某"], involved=20000),
    # c09: 删帖 then 收费 four positions apart (slop 3); amount exactly 10000
    criminal("c09", "2016-12-30", "吴某非法经营一审刑事判决书", "海门", "（2016）苏0684刑初999号", "非法经营罪", 225,
             facts="经审理查明：被告人吴某对外宣称删帖即可收费，违法所得人民币10000元。",
             reasoning="本院认为，被告人吴某的行为已构成非法经营罪。",
             operative="被告人吴某犯非法经营罪，判处有期徒刑一年六个月。",
             parties=["吴某"], involved=10000),
    # c10: 收费 before 删帖 (reversed order, Lucene slop 8); amount just below 10000
    criminal("c10", "2018-12-31", "郑某非法经营一审刑事判决书", "天河", "（2018）粤0106刑初500号", "非法经营罪", 225,
             facts="经审理查明：被告人郑某先行收费，约定七日以内删帖，涉案金额人民币9999.99元。",
             reasoning="本院认为，被告人郑某的行为已构成非法经营罪。",
             operative="被告人郑某犯非法经营罪，判处有期徒刑一年。",
             parties=["郑某"], involved=9999.99),
    # c11: 删帖 and 收费 far apart (different paragraphs)
    criminal("c11", "2019-01-01", "冯某非法经营一审刑事判决书", "浦东", "（2019）沪0115刑初11号", "非法经营罪", 225,
             facts="经审理查明：被告人冯某经营网络公关公司，为客户删帖。",
             reasoning="本院认为，被告人冯某以营利为目的，违反国家规定，有偿提供信息服务并收费，扰乱市场秩序，情节严重。",
             operative="被告人冯某犯非法经营罪，判处有期徒刑二年六个月。",
             parties=["冯某"], involved=50000),
    # c12: 有偿代为删帖并收费 (three-term proximity needs slop 5; 删帖 … 收费 needs slop 2)
    criminal("c12", "2022-07-07", "陈某非法经营一审刑事判决书", "南山", "（2022）粤0305刑初77号", "非法经营罪", 225,
             facts="经审理查明：被告人陈某有偿代为删帖并收费，获利人民币30000元。",
             reasoning="本院认为，被告人陈某的行为已构成非法经营罪。",
             operative="被告人陈某犯非法经营罪，判处有期徒刑一年。",
             parties=["陈某"], involved=30000),
    # c13: full-width ＡＢＣ１２３; lone 件; 1.5 as one token; upper-case IPHONE
    civil("c13", "2019-03-03", "某科技公司与某贸易公司买卖合同纠纷一审民事判决书", "浦东", "（2019）沪0115民初3003号",
          "买卖合同纠纷",
          facts="经审理查明：原告向被告购买型号为ＡＢＣ１２３的设备3件，单价1.5万元，另附IPHONE手机一部。",
          reasoning="本院认为，双方之间的买卖合同合法有效。",
          operative="被告支付原告货款15000元。", remedies=[("支付", 15000)]),
    # c14: half-width abc123; 130,000.00
    civil("c14", "2020-02-02", "某设备公司与某工厂买卖合同纠纷一审民事判决书", "武侯", "（2020）川0107民初4004号",
          "买卖合同纠纷",
          facts="经审理查明：被告交付的abc123型设备存在质量问题，原告支付货款130,000.00元。",
          reasoning="本院认为，被告应当返还部分货款。",
          operative="被告返还原告货款120000元。", remedies=[("返还", 120000)]),
    # c15: ABC1234 (not abc123); 十件 (a bigram, not a lone 件); 15 (not 1.5)
    civil("c15", "2021-05-05", "某仪器公司与某实验室买卖合同纠纷一审民事判决书", "武侯", "（2021）川0107民初5005号",
          "买卖合同纠纷",
          facts="经审理查明：双方约定交付ABC1234型号设备，数量为十件，总价15万元。",
          reasoning="本院认为，原告已履行交付义务。",
          operative="被告支付原告货款150000元。", remedies=[("支付", 150000)]),
    # c16: iPhone mixed case; 2017年度 (年度 is a bigram, so no 2017年)
    civil("c16", "2017-06-06", "孙某与某电子公司产品责任纠纷一审民事判决书", "南山", "（2017）粤0305民初6006号",
          "产品责任纠纷",
          facts="经审理查明：原告购买的iPhone手机屏幕存在缺陷，该型号为2017年度销售产品。",
          reasoning="本院认为，产品存在缺陷造成损害的，生产者应当承担赔偿责任。",
          operative="被告赔偿原告损失8800元。", remedies=[("赔偿损失", 8800)], parties=["某电子公司"]),
    # c17: second instance ruling; 差评 in the facts, 敲诈 in the reasoning; platform 美团
    case("c17", "2019-11-11", "孙某敲诈勒索二审刑事裁定书", "杭中", "（2019）浙01刑终888号",
         procedure="二审", document_type="裁定书",
         facts="原审认定：上诉人孙某在外卖平台以差评威胁商户索取财物。",
         reasoning="本院认为，上诉人孙某以非法占有为目的，敲诈勒索他人财物，原判定罪准确。",
         operative="驳回上诉，维持原判。",
         charges=["敲诈勒索罪"], statutes=[(CRIMINAL_LAW, 274), ("中华人民共和国刑事诉讼法", 236)],
         platforms=["美团"], parties=["孙某"], involved=4200),
    # c18: 敲诈勒索罪 in the text of a civil case (no charge field)
    civil("c18", "2018-05-05", "何某与吕某名誉权纠纷一审民事判决书", "朝阳", "（2018）京0105民初5555号", "名誉权纠纷",
          facts="经审理查明：被告在微博上称原告涉嫌敲诈勒索罪，该言论被大量转发。",
          reasoning="本院认为，被告的言论缺乏依据，侵害了原告的名誉权。",
          operative="被告删除相关微博并赔偿原告精神损害抚慰金3000元。",
          platforms=["微博"], remedies=[("赔偿损失", 3100)], parties=["吕某"]),
    # c19: case number （2017）苏0684刑初1234号, which must not match …123号
    criminal("c19", "2017-02-14", "马某盗窃一审刑事判决书", "海门", "（2017）苏0684刑初1234号", "盗窃罪", 264,
             facts="经审理查明：被告人马某窃取他人手机一部，价值人民币2200元。",
             reasoning="本院认为，被告人马某的行为已构成盗窃罪。",
             operative="被告人马某犯盗窃罪，判处拘役三个月。",
             parties=["马某"], involved=2200),
    # c20: 1元 in the operative part; 赔礼道歉 only in the claims
    civil("c20", "2018-08-08", "罗某与高某名誉权纠纷一审民事判决书", "京互", "（2018）京0491民初88号", "名誉权纠纷",
          claims="原告诉讼请求：判令被告公开赔礼道歉。",
          facts="经审理查明：被告在网络论坛发布侮辱原告的帖子。",
          reasoning="本院认为，被告的行为侵害了原告的名誉权。",
          operative="被告赔偿原告精神损害抚慰金1元。", remedies=[("赔偿损失", 1)], parties=["高某"]),
    # c21: 10元 (not 1元) in the operative part
    civil("c21", "2019-09-09", "某用户与某网络公司网络服务合同纠纷一审民事判决书", "穗互", "（2019）粤0192民初909号",
          "网络服务合同纠纷",
          facts="经审理查明：被告未按约定提供会员服务。",
          reasoning="本院认为，被告构成违约。",
          operative="被告返还原告会员费10元。", remedies=[("返还", 10)]),
    # c22: 1元 only in the claims
    civil("c22", "2020-10-10", "某消费者与某商城网络购物合同纠纷一审民事判决书", "杭互", "（2020）浙0192民初1010号",
          "网络购物合同纠纷",
          claims="原告诉讼请求：判令被告支付1元。",
          facts="经审理查明：原告在被告经营的网店购买商品。",
          reasoning="本院认为，原告的诉讼请求缺乏依据。",
          operative="驳回原告的诉讼请求。", platforms=["淘宝"]),
    # c23: 信用评价 in the facts, not in the reasoning
    civil("c23", "2021-03-03", "某店铺与某平台网络侵权责任纠纷一审民事判决书", "京互", "（2021）京0491民初3030号",
          "网络侵权责任纠纷",
          facts="经审理查明：平台下调了原告店铺的信用评价等级。",
          reasoning="本院认为，平台依据规则作出处理，并无过错。",
          operative="驳回原告的全部诉讼请求。", platforms=["京东"]),
    # c24: 赔礼道歉 only in the operative part
    civil("c24", "2022-02-22", "姜某与韩某名誉权纠纷一审民事判决书", "朝阳", "（2022）京0105民初2222号", "名誉权纠纷",
          facts="经审理查明：被告在业主群中散布不实言论。",
          reasoning="本院认为，被告应当承担侵权责任。",
          operative="被告向原告书面赔礼道歉。", remedies=[("赔礼道歉", None)], parties=["韩某"]),
    # c25: a news report: 差评 and 敲诈 in one sentence
    case("c25", "2017-11-20", "海门法院审结一起职业差评师案", None, None, kind="news_report",
         body="近日，海门法院审结一起职业差评师利用差评敲诈网店的案件。"),
    # c26–c38: other case types, procedures and document types for facets, filters and sorting
    civil("c26", "2023-03-15", "某公司与某商户网络购物合同纠纷二审民事判决书", "沪一中", "（2023）沪01民终1515号",
          "网络购物合同纠纷", procedure="二审",
          facts="经审理查明：一审查明的事实属实。", reasoning="本院认为，一审判决认定事实清楚。",
          operative="驳回上诉，维持原判。"),
    case("c27", "2023-06-01", "某公司诉某区市场监督管理局行政处罚再审审查行政裁定书", "京高", "（2023）京行申601号",
         case_type="行政", procedure="再审", document_type="裁定书", causes=["行政处罚"],
         facts="经审查：再审申请人不服行政处罚决定。", reasoning="本院认为，原审裁定并无不当。",
         operative="驳回再审申请人的再审申请。"),
    case("c28", "2022-11-11", "某银行申请执行某公司执行裁定书", "余杭", "（2022）浙0110执1111号",
         case_type="执行", procedure="执行", document_type="裁定书",
         facts="本院在执行过程中查明被执行人暂无财产可供执行。", reasoning="本院认为，应当终结本次执行程序。",
         operative="终结本次执行程序。", remedies=[("支付", 88000)]),
    civil("c29", "2021-08-08", "某用户与某平台网络服务合同纠纷民事调解书", "穗互", "（2021）粤0192民初808号",
          "网络服务合同纠纷", document_type="调解书",
          facts="经本院主持调解，双方当事人自愿达成协议。", operative="被告退还原告服务费800元。",
          remedies=[("返还", 800)]),
    case("c30", "2020-12-12", "郭某帮助信息网络犯罪活动二审刑事裁定书", "京三中", "（2020）京03刑终1212号",
         procedure="二审", document_type="裁定书",
         facts="原审认定：上诉人郭某出售本人银行卡供他人使用。", reasoning="本院认为，原判定罪准确，量刑适当。",
         operative="驳回上诉，维持原判。",
         charges=["帮助信息网络犯罪活动罪"], statutes=[(CRIMINAL_LAW, 287)], parties=["郭某"], involved=12500),
    # c31: 差评 and 敲诈 in the facts but on two lines (two paragraphs)
    criminal("c31", "2016-03-03", "陈某敲诈勒索一审刑事判决书", "余杭", "（2016）浙0110刑初303号", "敲诈勒索罪", 274,
             facts="经审理查明：被告人陈某多次给出差评，\n并借机敲诈商户。",
             reasoning="本院认为，被告人陈某的行为已构成敲诈勒索罪。",
             operative="被告人陈某犯敲诈勒索罪，判处有期徒刑十个月。",
             platforms=["淘宝"], parties=["陈某"], involved=6600),
    criminal("c32", "2015-01-20", "林某诈骗一审刑事判决书", "南山", "（2015）深南法刑初字第120号", "诈骗罪", 266,
             facts="经审理查明：被告人林某冒充客服骗取被害人钱款。", reasoning="本院认为，被告人林某的行为已构成诈骗罪。",
             operative="被告人林某犯诈骗罪，判处有期徒刑二年。", platforms=["拼多多"], parties=["林某"], involved=66000),
    civil("c33", "2014-10-10", "某商贸公司与某超市买卖合同纠纷二审民事判决书", "京三中", "（2014）三中民终字第1010号",
          "买卖合同纠纷", procedure="二审",
          facts="经审理查明：双方存在供货关系。", reasoning="本院认为，上诉理由不能成立。",
          operative="驳回上诉，维持原判。", remedies=[("支付", 7000)]),
    criminal("c34", "2016-07-07", "谢某盗窃一审刑事判决书", "武侯", "（2016）川0107刑初707号", "盗窃罪", 264,
             facts="经审理查明：被告人谢某入户窃取现金。", reasoning="本院认为，被告人谢某的行为已构成盗窃罪。",
             operative="被告人谢某犯盗窃罪，判处有期徒刑六个月。", parties=["谢某"], involved=4500),
    # c35: second-instance civil 差评 case on 淘宝 (no 敲诈, no 刷单)
    civil("c35", "2023-09-09", "某网店与宋某网络侵权责任纠纷二审民事判决书", "杭中", "（2023）浙01民终909号",
          "网络侵权责任纠纷", procedure="二审",
          facts="经审理查明：宋某在淘宝购物后连续发布差评。", reasoning="本院认为，一审判决并无不当。",
          operative="驳回上诉，维持原判。", platforms=["淘宝"], remedies=[("赔偿损失", 3500)], parties=["宋某"]),
    civil("c36", "2022-04-04", "某厂与某经销商买卖合同纠纷民事调解书", "海门", "（2022）苏0684民初404号",
          "买卖合同纠纷", document_type="调解书",
          facts="经本院主持调解，双方当事人自愿达成协议。", operative="被告支付原告货款2500元。",
          remedies=[("支付", 2500)]),
    civil("c37", "2015-05-15", "某员工与某公司劳动争议一审民事判决书", "天河", "（2015）穗天法民一初字第515号",
          "劳动争议",
          facts="经审理查明：原告在被告处工作两年。", reasoning="本院认为，被告应当支付经济补偿。",
          operative="被告支付原告经济补偿金。"),
    criminal("c38", "2023-12-01", "唐某帮助信息网络犯罪活动一审刑事判决书", "武侯", "（2023）川0107刑初1201号",
             "帮助信息网络犯罪活动罪", 287,
             facts="经审理查明：被告人唐某为他人提供支付结算帮助。", reasoning="本院认为，被告人唐某的行为已构成帮助信息网络犯罪活动罪。",
             operative="被告人唐某犯帮助信息网络犯罪活动罪，判处有期徒刑七个月。", parties=["唐某"], involved=12000),
]


def row(query: str, expected: str, why: str, filters: dict | None = None, marks=()):
    """One spec row: query text, filters, the expected ids (space-separated); `why` is its test id."""
    return pytest.param(query, filters or {}, set(expected.split()), id=why, marks=marks)



QUERY_ROWS = [
    # terms and boolean operators
    row("差评", "c01 c02 c04 c05 c06 c07 c17 c25 c31 c35", "single bigram term"),
    row("差评 敲诈", "c01 c02 c06 c07 c17 c25 c31", "terms are ANDed by default"),
    row("差评 AND 敲诈", "c01 c02 c06 c07 c17 c25 c31", "explicit AND"),
    row("差评 OR 刷单", "c01 c02 c03 c04 c05 c06 c07 c17 c25 c31 c35", "OR"),
    row("差评 | 刷单", "c01 c02 c03 c04 c05 c06 c07 c17 c25 c31 c35", "| as OR"),
    row("差评 -刷单", "c01 c04 c05 c06 c07 c17 c25 c31 c35", "-term excludes"),
    row("差评 NOT 刷单", "c01 c04 c05 c06 c07 c17 c25 c31 c35", "NOT excludes"),
    row("(差评 OR 刷单) 敲诈", "c01 c02 c06 c07 c17 c25 c31", "parentheses group OR under AND"),
    row("（差评 OR 刷单） 敲诈", "c01 c02 c06 c07 c17 c25 c31", "full-width parentheses group too"),
    row("差评 OR 刷单 敲诈", "c01 c02 c04 c05 c06 c07 c17 c25 c31 c35", "without parentheses AND binds tighter"),
    row("差评 -(刷单 OR 敲诈)", "c04 c05 c35", "negated group"),
    # phrases and proximity (Lucene slop: in-order distance minus one; reversing costs two more)
    row('"恶意差评"', "c01", "exact phrase"),
    row("恶意 差评", "c01 c02 c06", "same words apart match as AND, not as the phrase"),
    row('事实:"恶意差评"', "c01", "phrase scoped to the facts"),
    row('"差评 敲诈"~1', "c25", "proximity 1: adjacent bigrams only"),
    row('"差评 敲诈"~3', "c25 c31", "proximity 3 reaches across a line break"),
    row('"差评 敲诈"~4', "c01 c25 c31", "proximity 4 adds the doc 5 positions apart"),
    row('"差评 敲诈"~5', "c01 c07 c25 c31", "proximity 5 reaches across a semicolon"),
    row('"删帖 收费"~2', "c08 c12", "in-order proximity, distance 3"),
    row('"删帖 收费"~3', "c08 c09 c12", "in-order proximity, distance 4"),
    row('"删帖 收费"~7', "c08 c09 c12", "reversed order 7 apart needs slop 8"),
    row('"删帖 收费"~8', "c08 c09 c10 c12", "reversed order within slop 8"),
    row("删帖 收费", "c08 c09 c10 c11 c12", "the proximity words anywhere"),
    row('"件 3 单价"~1', "", "three words, two of them swapped: slop 1 is too little"),
    row('"件 3 单价"~2', "c13", "three words, two of them swapped: slop 2 (Lucene)"),
    row('"有偿 删帖 收费"~4', "", "three words: the summed gaps (5) exceed slop 4"),
    row('"有偿 删帖 收费"~5', "c12", "three words within slop 5"),
    # same sentence / same paragraph (true semantics)
    row("差评 /s 敲诈", "c01 c25", "same sentence"),
    row("差评 /p 敲诈", "c01 c02 c07 c25", "same paragraph (line)"),
    row("差评 NOT (差评 /s 敲诈)", "c02 c04 c05 c06 c07 c17 c31 c35", "NOT same sentence keeps the words met apart"),
    row("差评 -(差评 /p 敲诈)", "c04 c05 c06 c17 c31 c35", "negated same paragraph"),
    row("罪名:敲诈勒索罪 NOT (差评 /s 敲诈)", "c02 c07 c17 c31", "NOT same sentence beside a field"),
    row("差评 NOT (差评 /s 敲诈 罪名:敲诈勒索罪)", "c02 c04 c05 c06 c07 c17 c25 c31 c35",
        "NOT over same sentence AND a field: c25 stays (no such charge)"),
    # keyword fields
    row("罪名:敲诈勒索罪", "c01 c02 c07 c17 c31", "charge field"),
    row("罪名:敲诈勒索", "c01 c02 c07 c17 c31", "short charge name completed"),
    row("敲诈勒索罪", "c01 c02 c07 c18 c31", "charge name as text: not c17 (field only), c18 (text only)"),
    row("罪名:(敲诈勒索罪 OR 诈骗罪)", "c01 c02 c03 c07 c17 c31 c32", "OR inside a field"),
    row("案由:网络侵权责任纠纷", "c04 c05 c06 c23 c35", "cause field"),
    row("平台:淘宝", "c01 c04 c22 c31 c35", "platform field (c22, c31 never print 淘宝)"),
    row("淘宝", "c01 c04 c35", "platform name as text"),
    row("平台:淘宝 -罪名:敲诈勒索罪", "c04 c22 c35", "negated field match"),
    row("法条:刑法274", "c01 c02 c07 c17 c31", "statute by short law name and article"),
    row("法条:《中华人民共和国刑法》第二百七十四条", "c01 c02 c07 c17 c31", "statute by full title, Chinese numerals"),
    row("法条:刑事诉讼法236", "c17", "second statute of a document"),
    row("法院:海门市人民法院", "c01 c02 c09 c19 c36", "court field"),
    row("法院:江苏省海门市人民法院", "c01 c02 c09 c19 c36", "court with its province prefix"),
    row("法院层级:中级", "c17 c26 c30 c33 c35", "court level"),
    row("省份:北京市", "c05 c07 c08 c18 c20 c23 c24 c27 c30 c33", "province"),
    row("年份:2018", "c02 c10 c18 c20", "one year"),
    row("案号:(2017)苏0684刑初123号", "c01", "case number, half-width brackets (not …1234号)"),
    row("(2017)苏0684刑初123号", "c01", "bare case number is a text phrase (not …1234号)"),
    row("文书类型:调解书", "c29 c36", "document type"),
    row("审理程序:二审", "c17 c26 c30 c33 c35", "procedure"),
    row("案件类型:行政", "c27", "case type"),
    row("救济:赔礼道歉", "c04 c24", "remedy type"),
    row("当事人:张某", "c01", "party name"),
    row("当事人:电子公司", "c16", "a party name holding the value (某电子公司)"),
    row("当事人:张", "", "one character: only a party named 张 (not 张某)"),
    row("法院:海门", "c01 c02 c09 c19 c36", "court in shorthand"),
    row("法院:杭州中院", "c17 c35", "intermediate court in shorthand"),
    row("法院:朝阳法院", "c07 c08 c18 c24", "a shorthand fitting several courts matches any of them"),
    row("省份:北京", "c05 c07 c08 c18 c20 c23 c24 c27 c30 c33", "province without its suffix"),
    row("类型:news_report", "c25", "record kind"),
    # numeric ranges (bounds inclusive)
    row("年份:[2016 TO 2018]", "c01 c02 c03 c09 c10 c16 c18 c19 c20 c25 c31 c34", "year range"),
    row("年份:[2023 TO *]", "c26 c27 c35 c38", "open upper year bound"),
    row("金额:[10000 TO *]", "c03 c08 c09 c11 c12 c13 c14 c15 c28 c30 c32 c38", "amount ≥ 10000 (not 9999.99)"),
    row("金额:[* TO 3000]", "c01 c07 c19 c20 c21 c29 c36", "any amount ≤ 3000 (c18 has 3100)"),
    row("金额:9999.99", "c10", "exact decimal amount"),
    row("罪名:非法经营罪 金额:[20000 TO 50000]", "c08 c11 c12", "range ANDed with a field"),
    # section scope
    row("事实:差评", "c01 c02 c04 c06 c07 c17 c31 c35", "facts only (c05 has it in the reasoning)"),
    row("本院认为:差评", "c05", "reasoning only"),
    row("本院认为:信用评价", "c04", "reasoning (c23 has it in the facts)"),
    row("信用评价", "c04 c23", "the same words in the whole text"),
    row("判决结果:1元", "c20", "operative part: 1元, not 10元, not the claims"),
    row("1元", "c20 c22", "1元 in the whole text"),
    row("诉讼请求:赔礼道歉", "c04 c20", "claims"),
    row("判决结果:赔礼道歉", "c04 c24", "operative part"),
    row("标题:敲诈勒索", "c01 c02 c07 c17 c31", "title"),
    # width, case, single characters and Latin/digit tokens
    row("ＡＢＣ１２３", "c13 c14", "full-width query finds full- and half-width text (not ABC1234)"),
    row("abc123", "c13 c14", "half-width query finds the same"),
    row("ABC123", "c13 c14", "upper case folds"),
    row("iphone", "c13 c16", "IPHONE and iPhone"),
    row("件", "c13", "lone Han character: not 十件 or 案件"),
    row("1.5", "c13", "decimal is one token"),
    row("15", "c15", "15 is not part of 1.5 or 15000"),
    row("130,000.00", "c03 c14", "grouped decimal is one token"),
    row("2017年", "c01", "2017年3月 matches, 2017年度 does not"),
    # all documents
    row("", " ".join(f"c{i:02d}" for i in range(1, 39)), "empty query"),
]

FILTER_ROWS = [
    row("", "c01 c02 c07 c08 c09 c10 c11 c12 c17 c31", "values of one field are ORed",
        {"charges": ["敲诈勒索罪", "非法经营罪"]}),
    row("", "c02", "fields are ANDed", {"charges": ["敲诈勒索罪"], "year": ["2018"]}),
    row("差评", "c04 c05 c06 c35", "filter narrows a query", {"case_type": ["民事"]}),
    row("", "c07 c08 c11 c30", "two ORs ANDed", {"province": ["北京市", "上海市"], "case_type": ["刑事"]}),
    row("", "c01 c02 c07 c17 c31", "Chinese filter name and short charge", {"罪名": ["敲诈勒索"]}),
    row("", "c01 c02 c09 c19 c36", "court filter with province prefix", {"court": ["江苏省海门市人民法院"]}),
    row("", "c30 c38", "statute filter in Chinese numerals", {"statutes": ["刑法第二百八十七条"]}),
    row("", "c01 c03 c09 c16 c19 c31 c34", "years ORed, court level ANDed",
        {"year": ["2016", "2017"], "court_level": ["基层"]}),
    row("", "c09", "exact amount filter", {"amount": ["10000"]}),
    row("", "c25", "kind filter", {"kind": ["news_report"]}),
]

CIVIL_TORT_FACETS = {
    "charges": {}, "causes": {"网络侵权责任纠纷": 5}, "remedies": {"赔礼道歉": 1, "赔偿损失": 2},
    "platforms": {"淘宝": 2, "京东": 1},
    "court": {"北京互联网法院": 2, "杭州互联网法院": 1, "广州互联网法院": 1, "浙江省杭州市中级人民法院": 1},
    "court_level": {"基层": 4, "中级": 1}, "province": {"浙江省": 2, "北京市": 2, "广东省": 1},
    "procedure": {"一审": 4, "二审": 1}, "document_type": {"判决书": 5}, "case_type": {"民事": 5},
    "year": {"2019": 1, "2020": 1, "2021": 2, "2023": 1}, "statutes": {"侵权责任法第6条": 1},
    "kind": {"judgment": 5},
}
EXTORTION_FACETS = {
    "charges": {"敲诈勒索罪": 5}, "causes": {}, "remedies": {},
    "platforms": {"淘宝": 2, "京东": 1, "美团": 1},
    "court": {"海门市人民法院": 2, "北京市朝阳区人民法院": 1, "浙江省杭州市中级人民法院": 1, "杭州市余杭区人民法院": 1},
    "court_level": {"基层": 4, "中级": 1}, "province": {"江苏省": 2, "浙江省": 2, "北京市": 1},
    "procedure": {"一审": 4, "二审": 1}, "document_type": {"判决书": 4, "裁定书": 1}, "case_type": {"刑事": 5},
    "year": {"2015": 1, "2016": 1, "2017": 1, "2018": 1, "2019": 1},
    "statutes": {"刑法第274条": 5, "刑事诉讼法第236条": 1}, "kind": {"judgment": 5},
}
FACET_ROWS = [
    # every facet field of the five online-tort cases
    pytest.param("案由:网络侵权责任纠纷", {}, CIVIL_TORT_FACETS, id="civil tort facets"),
    # every facet field of the five extortion cases
    pytest.param("罪名:敲诈勒索罪", {}, EXTORTION_FACETS, id="extortion facets"),
    # a filter restricts facet counts as it restricts hits
    pytest.param("", {"platforms": ["淘宝"], "case_type": ["民事"]},
                 {"causes": {"网络侵权责任纠纷": 2, "网络购物合同纠纷": 1}, "procedure": {"一审": 2, "二审": 1}},
                 id="filtered facets"),
    # no hit, no facet count: the summed gaps (5) of a sloppy three-word phrase exceed slop 4
    pytest.param('"有偿 删帖 收费"~4', {}, {"charges": {}, "kind": {}}, id="facets of a sloppy phrase without hits"),
    # no hit, no facet count: two swapped words need slop 2
    pytest.param('"件 3 单价"~1', {}, {"causes": {}, "kind": {}}, id="facets of a swapped phrase without hits"),
    # the whole corpus
    pytest.param("", {}, {"kind": {"judgment": 37, "news_report": 1},
                          "case_type": {"刑事": 16, "民事": 19, "行政": 1, "执行": 1}}, id="corpus facets"),
]

KNOWN_BUGS = {
}
