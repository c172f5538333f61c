#!/usr/bin/env python3
"""Derives the national instances and the national model file from the sourced data.

Usage:
    python3 derive.py PATH/TO/shared/data            # fit, backtest, write everything
    python3 derive.py PATH/TO/shared/data fit        # print the fit only
    python3 derive.py PATH/TO/shared/data backtest   # print the backtest only
    python3 derive.py PATH/TO/shared/data check      # consistency checks only

Reads provinces.csv, clusters.csv, items.csv and sources.csv of the planning
dataset (python3 standard library only) and writes

  instances/china-2025/  areas, items, provinces, advantage, item_advantage,
                         platforms, chain_links, sources (CSV), instance.toml,
                         and the generated tables of README.md
  instances/china-2026/  the same for the 15th Five-Year Plan instance, plus
                         provincial_budgets.csv
  models/national.toml   the five national instruments

Every number that is not a sourced figure is an ASSUMPTION with a code (A1…),
defined once below and listed in README.md with what it drives. The response
parameters (gains, lags) are FITTED here to observed domestic-share
trajectories and the recorded spending behind them, with the model's own
response function (docs/model.md §5 (R), §7).
"""
import csv
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT_2026 = os.path.join(REPO, "instances", "china-2026")
MODEL_PATH = os.path.join(REPO, "models", "national.toml")

MU = (1.0, 0.6, 0.3)            # response multipliers (model file [response], docs/model.md default)
ETA_NATIONAL_SITE_THRESHOLD = 1.2  # model [national] eligibility_threshold

# ---------------------------------------------------------------------------
# Sourced national figures (national.md, items.csv, provinces.csv)
# ---------------------------------------------------------------------------
RD_SPENDING_2023_YI = 33357.1        # national R&D, 2023 (S_RDB23)
RD_FTE_2023_10K = 724.06             # R&D personnel FTE, 2023, 万人年 (S_FTE)
CENTRAL_FISCAL_ST_2023_YI = 3973.1   # central fiscal S&T spending, 2023 (S_RDB23 bulletin)
FISCAL_ST_GROWTH_2023 = 0.078        # national fiscal S&T spending growth, 2023 (same bulletin)
IC_FUND_I_YI = 1387.2                # 国家集成电路产业投资基金 phase I, raised 2014-09 (S_ICF1)
IC_FUND_II_YI = 2041.5               # phase II, registered 2019-10-22 (S_ICF2)
IC_FUND_III_YI = 3440.0              # phase III, registered 2024-05-24, 15-year term (national.md §2, S_ICF3)
QJ_PROJECTS, QJ_INVEST_YI = 276, 423.0          # 工业强基 projects and investment drawn in, by 2016
QJ_MATERIAL_PROJECTS, QJ_MATERIALS_YI = 93, 161.5  # key basic materials projects, five years
LG_CENTRAL_YI, LG_FIRMS = 100.0, 1000  # ≥100亿元 central 奖补 for ~1,000 little giants, 2021–25 (财建〔2021〕2号)
LG_PER_FIRM_2024_WAN = 600.0         # 2024 notice: 600万元 per firm over 3 years (S_LG24)
FIRSTSET_INSURED_YI, FIRSTSET_YEARS = 2000.0, 4  # first-set insurance 2015–18: >2,000亿元 of equipment insured (S_FS19)
FIRSTSET_PREMIUM_CAP, FIRSTSET_SUBSIDY = 0.03, 0.8  # premium rate ≤3%, central pays 80% (S_FS19b)
CENTRES_2022, CENTRES_GOAL_2025 = 26, 40  # national mfg innovation centres mapped / goal (national.md §3)
PUBLIC_SERVICE_PLATFORMS, MATERIALS_PLATFORMS, PROVINCIAL_CENTRES = 125, 29, 200  # 徐晓兰 2022-06
USD_CNY = {2022: 6.73, 2023: 7.05}   # A19: annual average exchange rates (general knowledge, PBoC)

# ---------------------------------------------------------------------------
# Assumptions (codes are listed in README.md with what each drives)
# ---------------------------------------------------------------------------
PROVINCIAL_SHARE_OF_LOCAL_ST = 0.05   # A1
HEADROOM = 1.25                       # A2/A3: talent and platforms at t0 = 1.25 x what the 2021 programme used
QJ_YEARS = (2014, 2016)               # A5: the 423亿元 were drawn in over 2014–2016 ...
QJ_CONTINUES_TO = 2025                # A5: ... and the programme ran on at that yearly rate
QJ_FIRST_BATCH = {"components": 20, "materials": 15, "processes": 10}  # 2017 plan: products per area (辛国斌 2016-12)
SMAX = {"stranglehold": 0.90, "shortboard": 0.95, "general": 0.95}      # A6
ASSUMED_S0 = {                                                          # A9
    "aeroengine_parts": (0.20, "sources call domestic share 'very low' and superalloys imported"),
    "heavy_gas_turbine": (0.10, "'basically dependent on imports'; 300 MW F-class unit ignited only in 2024"),
    "aviation_aluminium": (0.50, "强基 projects reported ending long-term import dependence; mid value"),
    "high_strength_steel": (0.80, "强基 project said to have 'fundamentally solved' import dependence"),
    "rare_earth_magnets": (0.90, "China produces 85% of global rare-earth smelting output"),
    "additive_mfg": (0.50, "no usable figure; mid value"),
}
ETA = {"national": 1.5, "chain": 1.2, "enterprise": 1.0, "demonstration": 0.8, "little_giant": 0.6}  # A13
LABOUR_FACTOR = {"national": 0.5, "chain": 0.75, "enterprise": 1.0, "demonstration": 0.25, "little_giant": 1.0}  # A14
CAPACITY_USE = {"national": 0.01, "chain": 0.3, "enterprise": 0.2, "demonstration": 0.2, "little_giant": 0.5}  # A15
TRAINING_KFTE_PER_YI = 0.1            # A14: 100万元 per added FTE-year of lasting capacity
PLATFORM_COST_YI = 5.0                # A15: a national-centre-scale platform
PLATFORM_CENTRAL_SHARE = 0.5          # A15
CENTRE_WEIGHT = 3.0                   # A3: a national centre counts as 3 other platforms
CONTINUITY = {"max_growth": 0.25, "max_decline": 0.15, "ramp_yi": 20.0}  # A16
REGIONAL_FLOOR = 0.25                 # A17: central+west+northeast share of central money
MAX_PROVINCE_SHARE = 0.30             # A17: no province above 30% of central money in a year
SITE_MIN_POINTS = 5.0                 # A18: a lead site must be able to buy ≥5 points of national share
SITE_MIN_EFFORT_FLOOR = 10.0          # A18: and at least 10 effort units (≈ 6.5 average 强基 projects)
FLOOR_PENALTY_YEARS = 20.0            # A12: a missing point of a stranglehold item costs 20 years of its market
ITEM_ADV_WEIGHTS = {"C": 0.5, "N": 0.3, "B": 0.4, "P": 0.0}  # A8b
CAPABILITY_COMPRESSION = 0.3          # A8b
CLUSTER_PRIMARY, CLUSTER_SECONDARY = 1.0, 0.5  # A8: cluster weights in the area index
ADVANTAGE_COMPRESSION = 0.5           # A8
ADVANTAGE_FLOOR = 0.3                 # A8
LITTLE_GIANT_TERM = 0.2               # A8: weight of little-giant density in the area index

# Items that aggregate others double-count; the standards item measures
# adoption of foreign standards, not domestic supply: both are left out.
AGGREGATES = {"core_basic_overall", "key_materials_130", "industrial_software_all"}
DROPPED = {"standards_intl_adoption": "an adoption rate of international standards is not a domestic-supply share"}

# A4: how the recorded programmes were spread over the items (see README).
IC_CHAIN = ["ic_overall", "cpu_highend", "semicon_equipment", "semicon_equipment_parts",
            "lithography_advanced", "photoresist_krf", "photoresist_arf", "eda"]
IC_FUND_SPLIT = {
    "I": {"ic_overall": 0.90, "cpu_highend": 0.04, "semicon_equipment": 0.04, "semicon_equipment_parts": 0.005,
          "photoresist_krf": 0.005, "photoresist_arf": 0.005, "eda": 0.005, "lithography_advanced": 0.0},
    "II": {"ic_overall": 0.70, "cpu_highend": 0.05, "semicon_equipment": 0.12, "semicon_equipment_parts": 0.04,
           "lithography_advanced": 0.03, "photoresist_krf": 0.02, "photoresist_arf": 0.02, "eda": 0.02},
}
IC_FUND_YEARS = {"I": (2014, 2018), "II": (2020, 2024), "III": (2025, 2029)}
# Items inside the 工业强基 scope (components, materials, processes outside the IC
# chain, plus PLC: controllers were one of the first 一条龙 plans).
QJ_EXTRA = {"plc": "processes"}

# A7: domestic demand (亿元/yr) where the data has a figure; the rest use the median rule.
MARKETS = {
    "ic_overall": (135e9 / 1e8 * USD_CNY[2023], "derived", "chips consumed in mainland China 2023 ≈ US$135bn (TechInsights, items.csv) × 7.05"),
    "semicon_equipment": (32e9 / 1e8 * USD_CNY[2022], "derived", "mainland equipment market US$32bn 2022 (items.csv) × 6.73"),
    "sensors_highend": (1300.0, "sourced", "sensitive components & sensors sales >1300亿元 2015 (items.csv; all grades: upper bound)"),
    "bearings_highend": (3.838e9 / 1e8 * USD_CNY[2023], "derived", "bearing imports US$3.838bn 2023 (CBIA, items.csv) × 7.05, as the high-end demand proxy"),
    "hydraulics_highend": (100.0, "sourced", "high-end hydraulic parts market >100亿元 (2019 abstract, items.csv)"),
    "heavy_gas_turbine": (80.0, "sourced", "China heavy gas-turbine market 2024 (智研咨询, items.csv)"),
    "carbon_fibre": (128.1, "sourced", "market size 2022 (中商产业研究院, items.csv)"),
    "plc": (156.8, "sourced", "China PLC market 2022 (gongkong, items.csv)"),
    "oled_emitters": (2.04e9 / 1e8 * USD_CNY[2022], "derived", "GLOBAL OLED materials market US$2.04bn 2022 × 6.73 (upper bound for China)"),
    "additive_mfg": (200.0, "sourced-target", "2020 target of the MIIT action plan, not an actual (items.csv)"),
    "cpu_highend": (0.10 * 135e9 / 1e8 * USD_CNY[2023], "derived-assumed", "10% of chips consumed (processors for computers and servers; share: general knowledge, ASSUMPTION)"),
    "lithography_advanced": (0.20 * 32e9 / 1e8 * USD_CNY[2022], "derived-assumed", "20% of the equipment market (lithography's share of wafer-fab equipment: general knowledge, ASSUMPTION)"),
    "lab_instruments_testing_bodies": (5701.70 / 10.0, "derived", "instrument assets of testing bodies 5,701.70亿元 (SAMR 2024) / 10-year service life"),
}
SECTOR_AGGREGATES_IN_MARKETS = {"ic_overall", "semicon_equipment", "cpu_highend", "lithography_advanced"}  # excluded from the median rule

# A8b: item-level geography. For each item whose industry sits in named places:
# (province, evidence, note). Evidence letters: C = a national advanced
# manufacturing cluster of clusters.csv names the item (code given);
# N = a national manufacturing innovation centre for the item in that province
# (S_INNO gives the city; the centre's field is general knowledge);
# B = a major production or research base for the item (general knowledge,
# ASSUMPTION: firm or institute named); P = the industry is present (general
# knowledge, ASSUMPTION). Unlisted provinces get advantage 0 for the item.
ITEM_GEO = {
    "ic_overall": [
        ("shanghai", "C:cl26 N B", "上海市集成电路集群; 国家集成电路创新中心; SMIC, Hua Hong"),
        ("jiangsu", "N B", "国家集成电路特色工艺及封装测试创新中心 (Wuxi); Wuxi/Nanjing fabs, JCET"),
        ("beijing", "B", "SMIC Beijing, Yandong; Big Fund shareholder 北京亦庄 (S_ICF3)"),
        ("guangdong", "C:cl11 P", "深圳市新一代信息通信集群; Shenzhen design houses"),
        ("hubei", "C:cl35 B", "武汉市光电子信息集群; YMTC (Big Fund I portfolio, S_ICF_SPLIT)"),
        ("anhui", "B", "CXMT Hefei"),
        ("sichuan", "C:cl34 P", "成渝地区电子信息先进制造集群"),
        ("chongqing", "C:cl34 P", "成渝地区电子信息先进制造集群; CR Micro power fab"),
        ("shaanxi", "P", "Samsung Xi'an memory fab"),
        ("tianjin", "P", "SMIC Tianjin"),
        ("zhejiang", "P", "Silan Hangzhou (Big Fund I portfolio, S_ICF_SPLIT)"),
        ("fujian", "P", "Xiamen/Jinhua fabs, San'an (Big Fund I portfolio)"),
    ],
    "cpu_highend": [
        ("beijing", "B", "Loongson"), ("shanghai", "B", "Zhaoxin"), ("tianjin", "B", "Phytium, Hygon"),
        ("hunan", "C:cl24", "长沙市新一代自主安全计算系统集群"), ("guangdong", "B", "HiSilicon Shenzhen"),
        ("sichuan", "P", "Chengdu design centres"), ("jiangsu", "P", "Wuxi (Sunway)"),
    ],
    "igbt": [
        ("hunan", "C:cl23 B", "株洲市先进轨道交通装备集群; CRRC Times Semiconductor (Big Fund II, S_ICF3)"),
        ("zhejiang", "B", "StarPower Jiaxing, Silan Hangzhou"), ("jiangsu", "P", "Wuxi power devices"),
        ("shanghai", "P", "power-device fabs"), ("guangdong", "B", "BYD Semiconductor Shenzhen"),
        ("chongqing", "P", "CR Micro 12-inch power fab"),
    ],
    "sensors_highend": [
        ("shanghai", "N B", "国家智能传感器创新中心"), ("jiangsu", "C:cl01 P", "无锡市物联网集群; Suzhou MEMS"),
        ("henan", "B", "Zhengzhou sensor valley (Hanwei)"), ("beijing", "P", ""), ("guangdong", "P", ""),
        ("hubei", "P", ""), ("shaanxi", "P", ""), ("heilongjiang", "P", "Harbin"), ("anhui", "P", ""), ("zhejiang", "P", ""),
    ],
    "bearings_highend": [
        ("henan", "B", "LYC Luoyang (洛轴)"), ("liaoning", "B", "ZWZ Wafangdian (瓦轴)"), ("zhejiang", "P", "Xinchang"),
        ("shandong", "P", "Liaocheng, Yantai"), ("jiangsu", "P", "Changzhou"), ("hubei", "P", "Xiangyang"),
        ("heilongjiang", "P", "HRB Harbin (哈轴)"),
    ],
    "hydraulics_highend": [
        ("jiangsu", "C:cl05 B", "徐州市工程机械集群; Hengli Changzhou"), ("hunan", "C:cl22", "长沙市工程机械集群"),
        ("shandong", "C:cl31 P", "潍坊市动力装备集群"), ("zhejiang", "P", ""), ("shanghai", "P", ""),
    ],
    "precision_reducer": [
        ("zhejiang", "B", "Shuanghuan Taizhou, Laifual"), ("jiangsu", "B", "Leaderdrive Suzhou"),
        ("liaoning", "C:cl41", "沈阳市机器人及智能制造集群"), ("guangdong", "C:cl14", "广深佛莞智能装备集群"),
        ("shanghai", "P", ""), ("beijing", "P", ""), ("shandong", "P", ""),
    ],
    "servo": [
        ("guangdong", "C:cl14 B", "广深佛莞智能装备集群; Inovance Shenzhen"), ("jiangsu", "P", "Suzhou"),
        ("zhejiang", "P", "Hechuan"), ("liaoning", "C:cl41", "沈阳市机器人及智能制造集群"), ("shanghai", "P", ""),
        ("beijing", "P", ""), ("hubei", "P", "Wuhan (Huazhong)"),
    ],
    "fuel_cell_mea": [
        ("shanghai", "B", ""), ("guangdong", "B", "Foshan"), ("beijing", "P", ""), ("jiangsu", "B", "Suzhou"),
        ("shandong", "C:cl31 B", "潍坊市动力装备集群; Weichai"), ("hubei", "P", "Wuhan"), ("hebei", "P", "Baoding"),
    ],
    "aeroengine_parts": [
        ("shaanxi", "C:cl38 B", "西安市航空集群 (probable); AECC Xi'an"),
        ("hunan", "C:cl25 B", "株洲市中小航空发动机集群; AECC Zhuzhou"),
        ("sichuan", "B", "AECC Chengdu"), ("liaoning", "B", "AECC Shenyang Liming"), ("guizhou", "B", "AECC Guizhou Liyang"),
        ("beijing", "B", "BIAM superalloys"), ("shanghai", "B", "AECC Commercial Aircraft Engine"), ("jiangsu", "P", "Wuxi blades"),
    ],
    "heavy_gas_turbine": [
        ("sichuan", "C:cl33 B", "成德高端能源装备集群; Dongfang Electric Deyang"), ("heilongjiang", "B", "Harbin Electric"),
        ("shanghai", "B", "Shanghai Electric"), ("liaoning", "B", "AECC Shenyang Liming (gas turbines)"), ("beijing", "P", ""),
    ],
    "display_materials": [
        ("guangdong", "N P", "国家新型显示技术 / 印刷及柔性显示 创新中心 (Shenzhen, Guangzhou)"), ("anhui", "B", "BOE Hefei"),
        ("hubei", "C:cl35 P", "武汉市光电子信息集群"), ("sichuan", "P", "BOE Chengdu"), ("beijing", "P", ""),
        ("shaanxi", "B", "Xi'an Ruilian (LC materials)"), ("jiangsu", "B", "Jiangsu Hecheng (LC)"), ("shandong", "P", "Yantai"),
    ],
    "oled_emitters": [
        ("shaanxi", "B", "Xi'an Ruilian"), ("jilin", "B", "Changchun Aolaide (奥来德)"), ("jiangsu", "P", ""),
        ("guangdong", "P", ""), ("beijing", "P", "Dingcai"), ("shandong", "P", "Yantai Valiant"),
    ],
    "photoresist_krf": [
        ("beijing", "B", "Kempur (北京科华)"), ("shanghai", "B", "Sinyang, Tongcheng"), ("jiangsu", "B", "Ruihong Suzhou"),
        ("hubei", "B", "Dinglong Wuhan"), ("zhejiang", "P", "Ningbo"),
    ],
    "photoresist_arf": [
        ("jiangsu", "B", "Nata Opto (南大光电)"), ("shanghai", "B", "Sinyang"), ("beijing", "B", "Kempur"),
        ("hubei", "P", "Dinglong"), ("zhejiang", "P", "Ningbo (Nata ArF line)"),
    ],
    "carbon_fibre": [
        ("jiangsu", "C:cl06 B", "常州市新型碳材料集群; Zhongfu Shenying Lianyungang, Hengshen Changzhou"),
        ("jilin", "B", "Jilin Chemical Fiber"), ("shandong", "B", "Weihai Guangwei"), ("shanxi", "P", "Taiyuan"), ("zhejiang", "P", ""),
    ],
    "aviation_aluminium": [
        ("chongqing", "B", "Southwest Aluminium"), ("heilongjiang", "B", "Northeast Light Alloy"), ("henan", "P", ""),
        ("shandong", "P", "Nanshan"), ("guangxi", "P", ""), ("liaoning", "P", ""), ("hunan", "P", "Central South University"),
    ],
    "rare_earth_magnets": [
        ("jiangxi", "C:cl44 N", "赣州市稀土新材料及应用集群; Nanchang centre (field: general knowledge)"),
        ("inner_mongolia", "N B", "国家稀土功能材料创新中心 (Baotou); Baotou rare-earth base"),
        ("zhejiang", "C:cl19 N", "宁波市磁性材料集群 (probable); Ningbo centre"), ("beijing", "P", "Zhong Ke San Huan"),
        ("shanxi", "P", ""), ("fujian", "P", "Xiamen Tungsten"), ("sichuan", "P", ""), ("tianjin", "P", ""),
        ("jiangsu", "P", ""), ("guangdong", "P", ""), ("shandong", "P", ""),
    ],
    "cnc_system_highend": [
        ("liaoning", "C:cl41 B", "沈阳市机器人及智能制造集群; Shenyang i5, Dalian Kede"),
        ("hubei", "N B", "国家数字化设计与制造创新中心 (Wuhan); Huazhong CNC"), ("guangdong", "B", "GSK Guangzhou"),
        ("beijing", "B", "KND, Jingdiao"), ("shaanxi", "P", "Baoji machine tools (CL_2024 宝汉天工业母机)"),
        ("jiangsu", "P", ""), ("zhejiang", "P", "浙东工业母机 (CL_2024)"), ("shandong", "P", ""),
    ],
    "mfg_inspection_equipment_highend": [
        ("liaoning", "C:cl41", "沈阳市机器人及智能制造集群"), ("guangdong", "C:cl14", "广深佛莞智能装备集群"),
        ("jiangsu", "P", ""), ("beijing", "P", ""), ("shanghai", "P", ""), ("zhejiang", "P", ""), ("shandong", "P", ""),
        ("hubei", "P", ""), ("shaanxi", "P", ""), ("sichuan", "P", ""),
    ],
    "industrial_robot": [
        ("liaoning", "C:cl41 N", "沈阳市机器人及智能制造集群; 国家机器人创新中心 (Shenyang)"),
        ("guangdong", "C:cl14", "广深佛莞智能装备集群"), ("anhui", "B", "Efort Wuhu"), ("shanghai", "P", ""), ("jiangsu", "P", ""),
        ("zhejiang", "P", ""), ("shandong", "P", ""), ("hubei", "P", ""), ("beijing", "P", ""), ("tianjin", "P", ""),
        ("hunan", "P", ""), ("chongqing", "P", ""), ("sichuan", "P", ""), ("henan", "P", ""),
    ],
    "semicon_equipment": [
        ("beijing", "B", "Naura (北方华创)"), ("shanghai", "C:cl26 B", "上海市集成电路集群; AMEC, SMEE"),
        ("liaoning", "B", "Piotech, Kingsemi Shenyang"), ("jiangsu", "P", ""), ("zhejiang", "P", ""), ("anhui", "P", ""),
        ("hubei", "P", ""), ("guangdong", "P", ""),
    ],
    "lithography_advanced": [
        ("shanghai", "C:cl26 B", "上海市集成电路集群; SMEE"), ("beijing", "B", "Huazhuo Jingke (stages), 02 project"),
        ("jilin", "B", "CIOMP Changchun (EUV optics)"),
    ],
    "semicon_equipment_parts": [
        ("liaoning", "B", "Fortune Shenyang (富创精密)"), ("beijing", "P", ""), ("shanghai", "P", ""), ("jiangsu", "P", ""),
        ("anhui", "P", ""), ("sichuan", "P", "Chengdu RF power"), ("zhejiang", "P", ""), ("guangdong", "P", ""),
    ],
    "additive_mfg": [
        ("shaanxi", "N B", "国家增材制造创新中心 (Xi'an); Bright Laser"), ("hubei", "P", ""), ("beijing", "P", ""),
        ("guangdong", "P", ""), ("jiangsu", "P", ""), ("hunan", "P", ""), ("shanghai", "P", ""), ("liaoning", "P", ""),
    ],
    "eda": [
        ("beijing", "B", "Empyrean (华大九天)"), ("shanghai", "B", "Primarius"), ("jiangsu", "C:cl02 P", "南京市软件和信息服务集群"),
        ("guangdong", "P", ""), ("zhejiang", "P", ""), ("sichuan", "C:cl32 P", "成都市软件和信息服务集群"),
        ("hubei", "P", "九同方 (Big Fund II, S_ICF3)"),
    ],
    "cad_cae": [
        ("beijing", "P", ""), ("hubei", "N B", "国家数字化设计与制造创新中心 (Wuhan); Huazhong Tianyuan"),
        ("guangdong", "B", "ZWSoft Guangzhou"), ("jiangsu", "C:cl02", "南京市软件和信息服务集群"), ("shanghai", "P", ""),
        ("sichuan", "C:cl32", "成都市软件和信息服务集群"), ("shandong", "P", ""), ("zhejiang", "P", ""),
    ],
    "production_control_sw": [
        ("zhejiang", "B", "Supcon Hangzhou"), ("beijing", "B", "Hollysys"), ("jiangsu", "C:cl02 P", "南京市软件和信息服务集群"),
        ("guangdong", "P", ""), ("shanghai", "P", ""), ("liaoning", "P", ""), ("sichuan", "C:cl32", "成都市软件和信息服务集群"),
        ("shandong", "P", ""),
    ],
    "plc": [
        ("zhejiang", "B", "Hechuan"), ("guangdong", "B", "Inovance"), ("beijing", "B", "Hollysys"), ("jiangsu", "P", ""),
        ("shanghai", "P", ""), ("liaoning", "P", ""),
    ],
    "analytical_instruments": [
        ("beijing", "B", "NIM and instrument makers"), ("shanghai", "B", ""), ("jiangsu", "P", ""),
        ("zhejiang", "B", "Focused Photonics"), ("anhui", "B", "Hefei Institutes"), ("guangdong", "P", ""),
        ("jilin", "B", "CIOMP Changchun"), ("liaoning", "B", "DICP Dalian"), ("shandong", "P", ""), ("sichuan", "P", ""),
    ],
}

# A10: chain links (item needs input; max lead of item over input).
CHAIN_LINKS = [
    ("ic_overall", "eda", 0.20), ("ic_overall", "photoresist_krf", 0.20), ("ic_overall", "semicon_equipment", 0.20),
    ("cpu_highend", "eda", 0.20), ("cpu_highend", "photoresist_arf", 0.20), ("cpu_highend", "lithography_advanced", 0.20),
    ("semicon_equipment", "semicon_equipment_parts", 0.20), ("lithography_advanced", "semicon_equipment_parts", 0.20),
    ("industrial_robot", "precision_reducer", 0.20), ("industrial_robot", "servo", 0.40),
    ("cnc_system_highend", "servo", 0.20), ("mfg_inspection_equipment_highend", "cnc_system_highend", 0.20),
    ("production_control_sw", "plc", 0.40), ("heavy_gas_turbine", "aeroengine_parts", 0.20),
]

AREAS = [
    ("components", "basic parts, components and electronic devices", "基础零部件和元器件"),
    ("materials", "key basic materials", "基础材料"),
    ("processes", "basic processes and manufacturing equipment", "基础工艺和制造装备"),
    ("software", "industrial basic software", "工业基础软件"),
    ("quality", "standards, metrology and testing platforms", "标准和基础检测检验平台"),
]
AREA_IDS = [a[0] for a in AREAS]

# National innovation centres by city (S_INNO) and the area of each (field by
# general knowledge; ASSUMPTION A3).
CENTRE_AREAS = {
    "beijing": ["components", "processes", "components"],      # power battery, lightweight forming, connected vehicles
    "guangdong": ["components", "quality", "materials", "materials"],  # 5G devices, medical devices, display, flexible display
    "shanghai": ["components", "components"],                  # IC, smart sensors
    "hubei": ["components", "software"],                       # optoelectronics, digital design & manufacturing
    "shandong": ["components", "processes", "materials"],      # Qingdao appliances, Qingdao (2nd), Tai'an
    "shaanxi": ["processes"],                                  # additive manufacturing
    "liaoning": ["processes"],                                 # robots
    "hunan": ["processes"],                                    # rail transit equipment
    "henan": ["processes"],                                    # agricultural machinery
    "jiangsu": ["materials", "components"],                    # functional fibres (Suzhou), IC packaging (Wuxi)
    "inner_mongolia": ["materials"],                           # rare-earth functional materials
    "anhui": ["materials", "software"],                        # glass materials (Bengbu), intelligent speech (Hefei)
    "zhejiang": ["materials"],                                 # graphene (Ningbo)
    "jiangxi": ["software"],                                   # virtual reality (Nanchang)
    "sichuan": ["components"],                                 # Chengdu
}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(folder, name, header, rows):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(v, digits=4):
    s = f"{v:.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def sig(v, n=3):
    """n significant digits, plain notation."""
    if v == 0:
        return "0"
    d = max(0, n - 1 - int(math.floor(math.log10(abs(v)))))
    return fmt(v, d)


def province_id(name):
    return name.strip().lower().replace(" ", "_")


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else 0.5 * (xs[n // 2 - 1] + xs[n // 2])


def response(dq, start, smax, gain, mu=MU):
    """s = start + concave piecewise-linear response of effective effort dq
    (segments of width (smax-start)/nJ, slopes gain*mu_j), docs/model.md §7."""
    if dq <= 0 or smax <= start:
        return start
    width = (smax - start) / len(mu)
    s, q = start, dq
    for m in mu:
        need = width / (gain * m)
        if q <= need:
            return s + gain * m * q
        s += width
        q -= need
    return smax


def effort_for(points, start, smax, gain, mu=MU):
    """Effective effort needed to raise the share by `points` (share) from start."""
    width = (smax - start) / len(mu)
    need, left = 0.0, points
    for m in mu:
        take = min(width, left)
        need += take / (gain * m)
        left -= take
        if left <= 1e-12:
            return need
    return math.inf


# ---------------------------------------------------------------------------
# Observations used by the fit and the backtest (all from the dataset's
# items.csv and national.md; the text says where). kind: "anchor" (the level
# the response starts from), "point", "upper" (share at most), "lower" (at least).
# ---------------------------------------------------------------------------
OBS = [
    ("ic_overall", 2020, 0.166, "anchor", 1.0, "IC Insights 16.6% (items.csv share_basis)"),
    ("ic_overall", 2021, 0.167, "point", 1.0, "IC Insights 16.7%"),
    ("ic_overall", 2022, 0.256, "point", 0.5, "IBS 25.6% (other definition: half weight)"),
    ("ic_overall", 2023, 0.230, "point", 1.0, "TechInsights 23%"),
    ("semicon_equipment", 2022, 0.30, "anchor", 1.0, "SEMI ~30% (items.csv)"),
    ("semicon_equipment", 2023, 0.35, "point", 0.5, "'35%' claim, weaker (items.csv notes): half weight"),
    ("photoresist_arf", 2019, 0.00, "anchor", 1.0, "share cannot be below 0 (weakest possible start)"),
    ("photoresist_arf", 2024, 0.05, "upper", 1.0, "ArF '<5%' 2023–24 (items.csv)"),
    ("lithography_advanced", 2019, 0.00, "anchor", 1.0, "0% in 2025 implies 0% before"),
    ("lithography_advanced", 2025, 0.005, "upper", 1.0, "'≤7 nm 100% imported' 2025 (items.csv)"),
    ("carbon_fibre", 2021, 0.47, "anchor", 1.0, "47% in 2021 (items.csv share_basis)"),
    ("carbon_fibre", 2022, 0.60, "lower", 1.0, "'over 60%' 2022 (lower bound)"),
    ("plc", 2018, 0.10, "anchor", 1.0, "'<10%' 2018 (taken at 10%: the smallest rise)"),
    ("plc", 2023, 0.25, "point", 1.0, "25% 2023 (gongkong)"),
    ("industrial_robot", 2015, 0.33, "anchor", 1.0, "~33% 2015 (items.csv notes)"),
    ("industrial_robot", 2020, 0.35, "point", 1.0, "35% 2020"),
    ("industrial_robot", 2024, 0.585, "point", 1.0, "58.5% 2024 (MIIT data)"),
]
AGGREGATE_OBS = [(2015, 0.20, "about 20% (Li Yizhong 2019)"), (2019, 1.0 / 3.0, "'1/3' (Li Yizhong 2019)")]
FIT_GROUPS = [
    # id, items, scale parameter, lag parameter, lag identified?, what it sets.
    # A lag is identified only where the recorded spending changes inside the
    # window (the IC funds start, pause in 2019 and restart); the 工业强基 money
    # is a constant flow from 2014, which cannot date an effect, so those groups
    # take the model default of 1 year (A21).
    ("ic", ["ic_overall"], "k_S", "L_ic", True, "ic_overall (item-level)"),
    ("strangle", ["semicon_equipment", "photoresist_arf", "lithography_advanced"], "k_S", "L_S", True,
     "every other stranglehold item (tier lag; scale k_S from ic)"),
    ("short", ["carbon_fibre", "plc"], "k_B", "L_B", False, "shortboard items (tier)"),
    ("general", ["industrial_robot"], "k_G", "L_G", False, "general items (tier)"),
]
LAGS = range(1, 8)
DEFAULT_LAG = 1


class Data:
    pass


def load(data_dir):
    d = Data()
    d.provinces = read(os.path.join(data_dir, "provinces.csv"))
    d.clusters = read(os.path.join(data_dir, "clusters.csv"))
    d.items_raw = read(os.path.join(data_dir, "items.csv"))
    d.sources = read(os.path.join(data_dir, "sources.csv"))
    d.pids = [p["id"] for p in d.provinces]
    d.prov = {p["id"]: p for p in d.provinces}
    d.items = [it for it in d.items_raw if it["id"] not in AGGREGATES and it["id"] not in DROPPED]
    d.item = {it["id"]: it for it in d.items}
    d.kids = [it["id"] for it in d.items]
    d.cluster = {c["id"]: c for c in d.clusters}
    return d


def area_advantage(d):
    """A8: area index from R&D spending, clusters and little-giant density."""
    rd = {p: float(d.prov[p]["rd_expenditure_100m_yuan"]) for p in d.pids}
    lg = {p: float(d.prov[p]["little_giants_b1b2_2021"]) for p in d.pids}
    mean_rd = sum(rd.values()) / len(rd)
    mean_lg = sum(lg.values()) / len(lg)
    strength = {(a, p): 0.0 for a in AREA_IDS for p in d.pids}
    for c in d.clusters:
        members = [m for m in (province_id(x) for x in c["provinces"].split(";")) if m in rd]
        for m in members:
            for col, weight in (("primary_foundation", CLUSTER_PRIMARY), ("secondary_foundation", CLUSTER_SECONDARY)):
                a = c[col].strip()
                if a in AREA_IDS:
                    strength[(a, m)] += weight / len(members)
    adv = {}
    for a in AREA_IDS:
        raw = {p: (rd[p] / mean_rd) ** (1.0 / 3.0) + 0.3 * math.sqrt(strength[(a, p)])
               + LITTLE_GIANT_TERM * math.sqrt(lg[p] / mean_lg) for p in d.pids}
        mean_raw = sum(raw.values()) / len(raw)
        for p in d.pids:
            adv[(a, p)] = max(ADVANTAGE_FLOOR, 1.0 + ADVANTAGE_COMPRESSION * (raw[p] / mean_raw - 1.0))
    return adv


def capability(d):
    """A8b: how far a 亿元 goes in a province where the item's industry is (R&D depth, compressed)."""
    rd = {p: float(d.prov[p]["rd_expenditure_100m_yuan"]) for p in d.pids}
    mean_rd = sum(rd.values()) / len(rd)
    return {p: 1.0 + CAPABILITY_COMPRESSION * ((rd[p] / mean_rd) ** (1.0 / 3.0) - 1.0) for p in d.pids}


def item_advantage(d):
    cap = capability(d)
    rows = {}
    for k, entries in ITEM_GEO.items():
        seen = set()
        for p, ev, note in entries:
            if p not in d.prov:
                raise SystemExit(f"ITEM_GEO {k}: unknown province {p}")
            if p in seen:
                raise SystemExit(f"ITEM_GEO {k}: {p} twice")
            seen.add(p)
            bonus, codes, kinds = 0.0, [], []
            for tok in ev.split():
                kind = tok.split(":")[0]
                if kind not in ITEM_ADV_WEIGHTS:
                    raise SystemExit(f"ITEM_GEO {k}/{p}: bad evidence {tok}")
                bonus += ITEM_ADV_WEIGHTS[kind]
                kinds.append(kind)
                if kind == "C":
                    code = tok.split(":")[1]
                    c = d.cluster[code]
                    if p not in [province_id(x) for x in c["provinces"].split(";")]:
                        raise SystemExit(f"ITEM_GEO {k}/{p}: cluster {code} is not in {p}")
                    codes.append(f"{code} ({c['source_codes']})")
                if kind == "N" and not float(d.prov[p]["national_mfg_innovation_centers"]):
                    raise SystemExit(f"ITEM_GEO {k}/{p}: no national centre recorded in {p}")
            value = cap[p] * (1.0 + bonus)
            if codes or "N" in kinds:
                src = "; ".join(codes + (["S_INNO (city); centre field: general knowledge"] if "N" in kinds else []))
                if any(x in kinds for x in "BP"):
                    src += "; base/presence: ASSUMPTION (general knowledge)"
            else:
                src = "ASSUMPTION (general knowledge)"
            rows.setdefault(k, []).append((p, value, ev, note, src))
    return rows


def markets(d):
    """A7: demand value per item (亿元/yr): sourced where the data has it, else the median rule."""
    sourced = [v for k, (v, flag, _) in MARKETS.items() if k not in SECTOR_AGGREGATES_IN_MARKETS]
    rule = median(sourced)
    out = {}
    for k in d.kids:
        if k in MARKETS:
            v, flag, basis = MARKETS[k]
            out[k] = (v, flag, basis)
        else:
            out[k] = (rule, "rule", f"no market figure: median of the {len(sourced)} sourced item markets ({fmt(rule, 1)}亿元)")
    return out, rule


def qj_scope(d):
    scope = {}
    for k in d.kids:
        a = d.item[k]["area"]
        if k in IC_CHAIN:
            continue
        if a in QJ_FIRST_BATCH:
            scope[k] = a
        elif k in QJ_EXTRA:
            scope[k] = QJ_EXTRA[k]
    return scope


def qj_per_product():
    """A5: 工业强基 money per targeted product and year, by area (亿元/yr)."""
    per_year = QJ_INVEST_YI / (QJ_YEARS[1] - QJ_YEARS[0] + 1)
    materials = QJ_MATERIALS_YI / 5.0
    others = per_year - materials
    n_other = QJ_FIRST_BATCH["components"] + QJ_FIRST_BATCH["processes"]
    return {"components": others / n_other, "processes": others / n_other,
            "materials": materials / QJ_FIRST_BATCH["materials"], "per_year": per_year}


def recorded_spending(d, k, year):
    """A4/A5: recorded programme money for item k in a year: list of (亿元, mode, programme)."""
    out = []
    for phase, (y0, y1) in IC_FUND_YEARS.items():
        if y0 <= year <= y1:
            total = {"I": IC_FUND_I_YI, "II": IC_FUND_II_YI, "III": IC_FUND_III_YI}[phase]
            split = IC_FUND_SPLIT.get(phase, IC_FUND_SPLIT["II"])
            share = split.get(k, 0.0)
            if share:
                out.append((total / (y1 - y0 + 1) * share, "national", f"IC fund {phase}"))
    scope = qj_scope(d)
    if k in scope and QJ_YEARS[0] <= year <= QJ_CONTINUES_TO:
        out.append((qj_per_product()[scope[k]], "chain", "工业强基"))
    return out


def hist_adv(k, iadv):
    if k in iadv:
        vals = [v for _, v, _, _, _ in iadv[k]]
        return sum(vals) / len(vals)
    return 1.0


def eff_series(d, k, iadv, y0=2010, y1=2035):
    a = hist_adv(k, iadv)
    return {y: sum(m * ETA[mode] * a for m, mode, _ in recorded_spending(d, k, y)) for y in range(y0, y1 + 1)}


def cum(series, upto):
    return sum(v for y, v in series.items() if y <= upto)


# ---------------------------------------------------------------------------
# Fit (docs/model.md §9): gains and lags from trajectories and recorded spending
# ---------------------------------------------------------------------------
def gain_of(kappa, market):
    """Structure of the fit (A20): a point of domestic share of a market costs in
    proportion to the market. kappa = share per effective effort unit for a
    100亿元/yr market."""
    return kappa * 100.0 / market


def obs_for(k):
    return [o for o in OBS if o[0] == k]


def predict_item(d, k, kappa, lag, iadv, mk, year, anchor=None, eff=None):
    eff = eff or eff_series(d, k, iadv)
    ya, sa = anchor or next((o[1], o[2]) for o in obs_for(k) if o[3] == "anchor")
    smax = SMAX[d.item[k]["tier"]]
    dq = cum(eff, year - lag) - cum(eff, ya - lag)
    return response(dq, sa, smax, gain_of(kappa, mk[k][0]))


def residual(kind, pred, value):
    if kind == "upper":
        return max(0.0, pred - value)
    if kind == "lower":
        return min(0.0, pred - value)
    return pred - value


def group_sse(d, items, kappa, lag, iadv, mk, effs):
    sse, rows = 0.0, []
    for k in items:
        for (_, y, v, kind, w, src) in obs_for(k):
            if kind == "anchor":
                continue
            p = predict_item(d, k, kappa, lag, iadv, mk, y, eff=effs[k])
            r = residual(kind, p, v)
            sse += w * r * r
            rows.append((k, y, v, kind, w, p, r, src))
    return sse, rows


def minimise_kappa(f):
    grid = [10 ** (-5 + 6 * i / 240) for i in range(241)]
    vals = [f(x) for x in grid]
    i = min(range(len(grid)), key=lambda j: (vals[j], grid[j]))
    lo, hi = math.log(grid[max(0, i - 1)]), math.log(grid[min(len(grid) - 1, i + 1)])
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    for _ in range(80):
        if f(math.exp(a)) < f(math.exp(b)):
            hi = b
        else:
            lo = a
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    x = math.exp(0.5 * (lo + hi))
    return x if f(x) <= vals[i] else grid[i]


def fit(d, iadv, mk):
    params, groups = {}, []
    effs = {k: eff_series(d, k, iadv) for k in d.kids}
    for gid, items, kname, lname, identified, sets in FIT_GROUPS:
        best, profile = None, []
        for lag in (LAGS if identified else [DEFAULT_LAG]):
            if kname in params:
                kappa = params[kname]
            else:
                kappa = minimise_kappa(lambda x: group_sse(d, items, x, lag, iadv, mk, effs)[0])
            sse, rows = group_sse(d, items, kappa, lag, iadv, mk, effs)
            profile.append((lag, kappa, sse))
            if best is None or sse < best[0] - 1e-12:
                best = (sse, lag, kappa, rows)
        sse, lag, kappa, rows = best
        params.setdefault(kname, kappa)
        params[lname] = lag
        n = len(rows)
        groups.append({"id": gid, "items": items, "kappa_name": kname, "kappa": kappa, "lag_name": lname,
                       "lag": lag, "rows": rows, "rmse": math.sqrt(sse / max(1, sum(r[4] for r in rows))),
                       "n": n, "sets": sets, "profile": profile, "identified": identified, "fixed_kappa": kname in [g["kappa_name"] for g in groups]})
    return params, groups


def item_params(d, params, mk):
    """Per-item gain and lag from the fitted parameters."""
    out = {}
    for k in d.kids:
        tier = d.item[k]["tier"]
        if k == "ic_overall":
            kap, lag, basis = params["k_S"], params["L_ic"], "item fit (ic)"
        elif tier == "stranglehold":
            kap, lag, basis = params["k_S"], params["L_S"], "tier fit (strangle), scale from ic"
        elif tier == "shortboard":
            kap, lag, basis = params["k_B"], params["L_B"], "tier fit (short)"
        else:
            kap, lag, basis = params["k_G"], params["L_G"], "tier fit (general)"
        if k in [i for g in FIT_GROUPS for i in g[1]] and k != "ic_overall":
            basis += "; own trajectory in the fit"
        out[k] = (gain_of(kap, mk[k][0]), lag, basis)
    return out


# ---------------------------------------------------------------------------
# Backtest: start from the earliest observation, apply the recorded spending
# ---------------------------------------------------------------------------
def core_items(d):
    return [k for k in d.kids if d.item[k]["area"] in ("components", "materials")]


def backtest(d, iadv, mk, ip, params):
    out = {}
    # (a) Aggregate of core components and materials, 2015 -> 2019 (Li Yizhong).
    (y0, s_start, _), (y1, s_obs, _) = AGGREGATE_OBS
    rows = []
    for k in core_items(d):
        gain, lag, _ = ip[k]
        eff = eff_series(d, k, iadv)
        dq = cum(eff, y1 - lag) - cum(eff, y0 - lag)
        rows.append((k, response(dq, s_start, SMAX[d.item[k]["tier"]], gain)))
    pred = sum(v for _, v in rows) / len(rows)
    out["aggregate"] = {"start": s_start, "obs": s_obs, "pred": pred, "err": pred - s_obs, "rows": rows,
                        "rise_share": (pred - s_start) / (s_obs - s_start)}
    # Same, demand-weighted (what the model's targets measure).
    wsum = sum(mk[k][0] for k in core_items(d))
    out["aggregate_weighted"] = sum(mk[k][0] * v for k, v in rows) / wsum
    # (b) IC leave-last-out: refit the scale on 2021-2022, predict 2023.
    k = "ic_overall"
    lag = params["L_ic"]
    eff = eff_series(d, k, iadv)
    held = [o for o in OBS if o[0] == k and o[3] != "anchor" and o[1] <= 2022]

    def sse(x):
        return sum(o[4] * (predict_item(d, k, x, lag, iadv, mk, o[1], eff=eff) - o[2]) ** 2 for o in held)
    kap = minimise_kappa(sse)
    p23 = predict_item(d, k, kap, lag, iadv, mk, 2023, eff=eff)
    out["ic_loo"] = {"kappa": kap, "pred": p23, "obs": 0.23, "err": p23 - 0.23}
    # (c) Robots from the 2015 anchor with the scale fitted on the other general data (none): in-sample, shown.
    return out


# ---------------------------------------------------------------------------
# Baseline shares: 2021 (china-2025) and 2025 (china-2026)
# ---------------------------------------------------------------------------
STALE_BEFORE = 2017


def obs_year(text):
    m = re.findall(r"(20\d\d)", text or "")
    return int(m[-1]) if m else None


def roll(d, k, iadv, ip, start_year, start_share, to_year):
    gain, lag, _ = ip[k]
    eff = eff_series(d, k, iadv)
    dq = cum(eff, to_year - lag) - cum(eff, start_year - lag)
    return response(dq, start_share, SMAX[d.item[k]["tier"]], gain)


def baseline_2021(d, iadv, ip):
    """s0 of china-2025: the share before 2022 (end of 2021)."""
    out = {}
    series_2021 = {"ic_overall": (2021, 0.167, "IC Insights 2021 (16.7%)"),
                   "carbon_fibre": (2021, 0.47, "47% in 2021 (items.csv)")}
    for k in d.kids:
        it = d.item[k]
        if k in series_2021:
            y, v, why = series_2021[k]
            out[k] = (v, f"sourced {y}: {why}")
            continue
        if k == "industrial_robot":
            v = roll(d, k, iadv, ip, 2020, 0.35, 2021)
            out[k] = (v, "model estimate: 35% in 2020 (items.csv notes) rolled to 2021 with the fitted response and recorded spending")
            continue
        if k == "plc":
            v = roll(d, k, iadv, ip, 2018, 0.10, 2021)
            out[k] = (v, "model estimate: '<10%' in 2018 rolled to 2021 with the fitted response (25% observed in 2023)")
            continue
        if it["domestic_share"].strip():
            v = float(it["domestic_share"])
            y = obs_year(it["share_year"])
            if y is not None and y < STALE_BEFORE:
                v2 = roll(d, k, iadv, ip, y, v, 2021)
                out[k] = (v2, f"model estimate: {fmt(v, 3)} observed {it['share_year']} (stale) rolled to 2021 "
                              f"with the fitted response and recorded 工业强基 spending")
            elif y is not None and y > 2021:
                out[k] = (v, f"sourced {it['share_year']} (later than 2021: an upper bound for 2021 if the share rose): "
                             f"{it['share_basis']}")
            else:
                out[k] = (v, f"sourced {it['share_year']}: {it['share_basis']}")
        else:
            v, why = ASSUMED_S0[k]
            out[k] = (v, f"ASSUMPTION A9: {why}")
    return out


def baseline_2025(d, iadv, ip, s2021):
    """s0 of china-2026: the share at the end of 2025 — an observation where one
    exists for 2024–25, otherwise the 2021 level rolled forward with the fit."""
    late = {"industrial_robot": (2024, 0.585, "58.5% in 2024 (MIIT data)"),
            "lithography_advanced": (2025, 0.0, "0% in 2025 (items.csv)"),
            "semicon_equipment_parts": (2025, 0.30, "'import dependence >70%' 2025 (upper bound)"),
            "photoresist_arf": (2024, 0.05, "'<5%' 2023–24 (upper bound)"),
            "photoresist_krf": (2024, 0.15, "~15% 2023–24"),
            "lab_instruments_testing_bodies": (2024, 0.652, "SAMR 2024 ratio"),
            "ic_overall": (2023, 0.23, "TechInsights 2023 (23%)"),
            "plc": (2023, 0.25, "gongkong 2023 (25%)"),
            "display_materials": (2023, 0.30, "c.2023 upper bound")}
    out = {}
    for k in d.kids:
        if k in late:
            y, v, why = late[k]
            v2 = roll(d, k, iadv, ip, y, v, 2025)
            out[k] = (v2, f"{why}" + ("" if y == 2025 else f", rolled to 2025 with the fit (model estimate)"))
        else:
            v, _ = s2021[k]
            v2 = roll(d, k, iadv, ip, 2021, v, 2025)
            out[k] = (v2, f"model estimate: the 2021 level {fmt(v, 3)} rolled to 2025 with the fit and the recorded spending")
    return out


# ---------------------------------------------------------------------------
# Sizes: talent, platforms, budgets (A1, A2, A3, A11)
# ---------------------------------------------------------------------------
H_RD = 1.0 / (RD_SPENDING_2023_YI / RD_FTE_2023_10K / 10.0)  # k FTE per 亿元 of R&D: 1/(46.07万元 per FTE-year) * 10


def talent_per_yi(mode):
    return H_RD * LABOUR_FACTOR[mode]


FIRSTSET_CENTRAL_PER_YEAR = FIRSTSET_INSURED_YI * FIRSTSET_PREMIUM_CAP * FIRSTSET_SUBSIDY / FIRSTSET_YEARS


def programme_by_mode(year):
    """Recorded programme money of a year by instrument (亿元) — what the
    platforms and the talent pool demonstrably carried."""
    ic = sum({"I": IC_FUND_I_YI, "II": IC_FUND_II_YI, "III": IC_FUND_III_YI}[ph] / (y1 - y0 + 1)
             for ph, (y0, y1) in IC_FUND_YEARS.items() if y0 <= year <= y1)
    return {"national": ic, "chain": qj_per_product()["per_year"],
            "little_giant": LG_CENTRAL_YI / 5.0 if year >= 2021 else 0.0,
            "demonstration": FIRSTSET_CENTRAL_PER_YEAR, "enterprise": 0.0}


def talent_share(year):
    staff = sum(talent_per_yi(m) * v for m, v in programme_by_mode(year).items())
    return HEADROOM * staff / (RD_FTE_2023_10K * 10.0), staff


def talent_by_province(d, year, iadv, aadv):
    """A2: talent at the start = HEADROOM x the staff the recorded programme of
    `year` needed, located where that programme worked: each item's recorded
    money in proportion to the item's advantage over its provinces; the
    programme money with no item (little giants, first-set insurance) and the
    工业强基 money for products outside the 33 items by R&D personnel FTE."""
    fte = {p: float(d.prov[p]["rd_personnel_fte_10k"]) * 10.0 for p in d.pids}
    tot_fte = sum(fte.values())
    out = {p: 0.0 for p in d.pids}
    item_money = {}
    for k in d.kids:
        for money, mode, _ in recorded_spending(d, k, year):
            staff = money * talent_per_yi(mode)
            item_money[mode] = item_money.get(mode, 0.0) + money
            if k in iadv:
                w = {p: v for p, v, *_ in iadv[k]}
            else:
                w = {p: aadv[(d.item[k]["area"], p)] for p in d.pids}
            tw = sum(w.values())
            for p, v in w.items():
                out[p] += staff * v / tw
    prog = programme_by_mode(year)
    rest = sum(talent_per_yi(m) * max(0.0, v - item_money.get(m, 0.0)) for m, v in prog.items())
    for p in d.pids:
        out[p] += rest * fte[p] / tot_fte
    return {p: HEADROOM * v for p, v in out.items()}, sum(out.values())


def platform_capacity(d):
    """A3: 1 cu = the service of one national manufacturing innovation centre.
    Centres by province (S_INNO) in their areas; the 125 public-service, 29
    materials and ~200 provincial platforms count 1/3 cu each, spread by R&D
    spending (no provincial split is published)."""
    rd = {p: float(d.prov[p]["rd_expenditure_100m_yuan"]) for p in d.pids}
    tot = sum(rd.values())
    cap = {(a, p): 0.0 for a in AREA_IDS for p in d.pids}
    for p in d.pids:
        n = int(float(d.prov[p]["national_mfg_innovation_centers"]))
        areas = CENTRE_AREAS.get(p, [])
        if n != len(areas):
            raise SystemExit(f"CENTRE_AREAS {p}: {len(areas)} areas for {n} centres")
        for a in areas:
            cap[(a, p)] += 1.0
        share = rd[p] / tot
        cap[("quality", p)] += PUBLIC_SERVICE_PLATFORMS * share / CENTRE_WEIGHT
        cap[("materials", p)] += MATERIALS_PLATFORMS * share / CENTRE_WEIGHT
        for a in AREA_IDS:
            cap[(a, p)] += PROVINCIAL_CENTRES * share / CENTRE_WEIGHT / len(AREA_IDS)
    return cap


def central_budget(year, fiscal_growth=0.0):
    fiscal = 0.05 * CENTRAL_FISCAL_ST_2023_YI * (1.0 + fiscal_growth) ** (year - 2023)
    ic = 0.0
    for ph, (y0, y1) in IC_FUND_YEARS.items():
        if ph != "I" and y0 <= year <= y1:
            ic += {"II": IC_FUND_II_YI, "III": IC_FUND_III_YI}[ph] / (y1 - y0 + 1)
    return fiscal, ic


# ---------------------------------------------------------------------------
# Instruments (models/national.toml)
# ---------------------------------------------------------------------------
MODES = [
    # id, central share, tiers, lead sites, name, name_zh, why
    ("national", 1.0, ["stranglehold"], True, "new national system", "新型举国体制",
     "central money at designated lead sites (the IC funds are its recorded example)"),
    ("chain", 0.5, ["stranglehold", "shortboard"], False, "chain-type solution", "链式解决方案",
     "central–provincial co-funding along the chain (工业强基 projects)"),
    ("enterprise", 0.0, ["shortboard", "general"], False, "leading enterprises and SME cultivation", "龙头企业与专精特新培育",
     "provincial money"),
    ("demonstration", 0.5, ["stranglehold", "shortboard"], False, "demonstration application", "首台(套)/首批次保险补偿、政府采购、一条龙应用",
     "first-set/first-batch insurance, procurement and 一条龙 application: turns capability into domestic sales"),
    ("little_giant", 1.0, ["shortboard", "general"], False, "little-giant programme", "专精特新小巨人奖补",
     "central 奖补 for national little giants (财建〔2021〕2号; 2024 notice 600万元 per firm over 3 years)"),
]


def write_model(path, site_min_default):
    L = []
    L.append("# National instruments for qiangji (docs/model.md §2–3): written by")
    L.append("# instances/china-2025/derive.py — edit the constants there, not this file.")
    L.append("# Units: money in 亿元, talent in k FTE, platform capacity in cu (1 cu = the")
    L.append("# service of one national manufacturing innovation centre), shares in [0, 1].")
    L.append("# Codes A13–A16 are the assumptions listed in instances/china-2025/README.md.")
    L.append('name = "national"')
    L.append('description = "Five instruments of the national programme (national system, chain, enterprise, demonstration application, little giants) with sourced or named sizes"')
    L.append("")
    L.append("# f = 1 亿元 per effort unit for every instrument (an effort unit is 1亿元 of programme money).")
    L.append(f"# h = talent per 亿元 = {sig(H_RD, 4)} k FTE (national R&D 33,357.1亿元 / 724.06万 FTE = "
             f"{sig(RD_SPENDING_2023_YI / RD_FTE_2023_10K, 4)}万元 per FTE-year, S_RDB23, S_FTE)")
    L.append("#     x a labour factor per instrument (A14).")
    L.append("# c = platform capacity per effort unit (A15); σ = central share; η = productivity (A13).")
    for mid, sigma, tiers, site, name, name_zh, why in MODES:
        L.append("")
        L.append(f"# {why}")
        L.append(f"[modes.{mid}]")
        L.append(f'name = "{name}"')
        L.append(f'name_zh = "{name_zh}"')
        L.append("funding_yi_per_effort = 1.0")
        L.append(f"talent_kfte_per_effort = {fmt(talent_per_yi(mid), 4)}   # labour factor {LABOUR_FACTOR[mid]} (A14)")
        L.append(f"capacity_cu_per_effort = {fmt(CAPACITY_USE[mid], 3)}   # A15")
        L.append(f"central_share = {fmt(sigma, 2)}")
        L.append(f"productivity = {fmt(ETA[mid], 2)}   # A13")
        L.append("tiers = [" + ", ".join(f'"{t}"' for t in tiers) + "]")
        L.append(f"lead_sites = {'true' if site else 'false'}")
    L += ["", "[response]",
          "# μ_j (docs/model.md default); the fitted lags are per item (items.csv effect_lag_years).",
          "multipliers = [1.0, 0.6, 0.3]",
          f"effect_lag_years = {DEFAULT_LAG}",
          "", "[national]",
          f"eligibility_threshold = {ETA_NATIONAL_SITE_THRESHOLD}",
          "max_sites_per_item = 2",
          f"# A18: items.csv gives min_site_effort per item (≥ {fmt(SITE_MIN_EFFORT_FLOOR, 0)} effort units).",
          f"min_site_effort = {fmt(site_min_default, 1)}",
          "", "[training]",
          f"# A14: {fmt(10000.0 / (TRAINING_KFTE_PER_YI * 1000.0), 0)}万元 per added FTE of lasting capacity (about two years of the",
          "# fully loaded R&D cost of 46万元 per FTE-year); available after three years.",
          f"kfte_per_yi = {fmt(TRAINING_KFTE_PER_YI, 3)}",
          "lag_years = 3",
          "", "[platforms]",
          "# A15: a new platform is one national-centre-sized unit (1 cu).",
          "capacity_cu_per_platform = 1.0",
          f"cost_yi_per_platform = {fmt(PLATFORM_COST_YI, 2)}",
          f"central_share = {fmt(PLATFORM_CENTRAL_SHARE, 2)}",
          "construction_lag_years = 2",
          "max_new_per_province_year = 2",
          "", "[talent]",
          "default_growth_per_year = 0.03",
          "", "[targets]",
          "default_penalty_yi_per_point = 100.0",
          "", "[objective]",
          "discount_rate = 0.03",
          'default_preset = "min-cost"',
          "", "[objective.presets.min-cost]", "name_zh = \"成本最小\"", "cost_weight = 1.0", "sufficiency_weight = 0.0",
          "", "[objective.presets.max-sufficiency]", "name_zh = \"自给率最大\"", "cost_weight = 0.0", "sufficiency_weight = 1.0e4", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def best_multiplier(d, k, iadv, aadv):
    """Largest η·adv any allowed instrument reaches for item k (for bounds and costs)."""
    tier = d.item[k]["tier"]
    best = 0.0
    advs = {p: v for p, v, *_ in iadv[k]} if k in iadv else {p: aadv[(d.item[k]["area"], p)] for p in d.pids}
    for mid, _, tiers, site, *_ in MODES:
        if tier not in tiers:
            continue
        cands = [v for v in advs.values() if (v >= ETA_NATIONAL_SITE_THRESHOLD or not site)]
        if cands:
            best = max(best, ETA[mid] * max(cands))
    return best


def site_min_effort(d, k, s0, ip, iadv):
    """A18: a lead site must be able to buy SITE_MIN_POINTS of national share at adv = threshold."""
    gain, _, _ = ip[k]
    smax = SMAX[d.item[k]["tier"]]
    pts = min(SITE_MIN_POINTS / 100.0, smax - s0)
    eff = effort_for(pts, s0, smax, gain) / (ETA["national"] * ETA_NATIONAL_SITE_THRESHOLD)
    return max(SITE_MIN_EFFORT_FLOOR, eff)


def relaxed_reach(d, k_group, year, first_year, s0, ip, mk, iadv, aadv, budget_by_year, level=None):
    """Upper bound on the demand-weighted level of a group in `year` (and the least
    money for `level`), relaxing talent, platforms, sites, continuity, provincial
    budgets' locality and chain links: every 亿元 of central + provincial budget of
    a year early enough for an item's lag may go to that item at its best η·adv."""
    segs = []
    wsum = sum(mk[k][0] for k in k_group)
    for k in k_group:
        gain, lag, _ = ip[k]
        smax = SMAX[d.item[k]["tier"]]
        mult = best_multiplier(d, k, iadv, aadv)
        width = (smax - s0[k]) / len(MU)
        for j, m in enumerate(MU):
            slope = mk[k][0] / wsum * gain * m * mult      # group share per 亿元
            if slope > 0 and width > 0:
                segs.append((slope, k, width / (gain * m * mult), width * mk[k][0] / wsum, lag))
    segs.sort(key=lambda x: -x[0])
    money_upto = lambda lag: sum(b for y, b in budget_by_year.items() if first_year <= y <= year - lag)
    total_cap = money_upto(min(ip[k][1] for k in k_group))
    used, used_k = 0.0, {}
    level_now = sum(mk[k][0] * s0[k] for k in k_group) / wsum
    start = level_now
    need_money = 0.0 if level is not None and level_now >= level else None
    for slope, k, money, gain_share, lag in segs:
        cap_k = money_upto(lag) - used_k.get(k, 0.0)
        take = max(0.0, min(money, cap_k, total_cap - used))
        if level is not None and need_money is None and level_now + slope * take >= level:
            need_money = used + (level - level_now) / slope
        used += take
        used_k[k] = used_k.get(k, 0.0) + take
        level_now += slope * take
        if total_cap - used <= 1e-9:
            break
    return start, level_now, need_money, total_cap


# ---------------------------------------------------------------------------
# Sources and assumptions
# ---------------------------------------------------------------------------
NEW_SOURCES = [
    ("S_ICF1", "国家集成电路产业投资基金 phase I raised 1,387.2亿元 (丁文武, 新华网 2015-12 via 中国产业经济信息网)", "https://m.news.shi-fen.com/china/201910/50-508589.html", "secondary (新京报 2019-10-25 repeats the 1,387.2亿元)"),
    ("S_ICF2", "Big Fund phase II registered 2019-10-22 with 2,041.5亿元 (新京报 2019-10-25)", "https://m.news.shi-fen.com/china/201910/50-508589.html", "secondary mirror"),
    ("S_ICF3", "Big Fund phase III registered 2024-05-24, 3,440亿元; 15-year term (2024–2039); phase II invested in CRRC Times Semiconductor (Zhuzhou) and EDA firm 九同方 (Hubei)", "https://huluic.cn/article/b1j7a1c7b3d829851.html ; https://www.hniuzsjy.cn/caixun/295.html", "secondary"),
    ("S_ICF_SPLIT", "Big Fund phase I portfolio: manufacturing 67%, design 17%, packaging & test 10%, equipment & materials 6%", "https://m.youren5.com/mipxw/230416.html", "secondary; used for assumption A4"),
    ("S_FS19", "First-set insurance 2015–2018: >1,000 projects compensated, >2,000亿元 of major equipment insured, claims ≈20亿元; Shandong's provincial scheme paid 12亿元, >3x the central money", "https://158jixie.com/news-detail/279/279924.html", "trade press report of the MIIT/CBIRC site meeting (2019)"),
    ("S_FS19b", "财政部/工信部/银保监会 2019: central finance compensates 80% of the premium at a premium rate of at most 3%, for at most 3 years (first-set / first-batch)", "http://www.zmdtvw.cn/showinfo-184-237782-0.html", "中国新闻网 2019-05-30 (mirror); 2015 rule reported at http://finance.china.com.cn/roll/20150507/3102562.shtml"),
    ("S_FS25", "2025 first-set insurance notice 工信厅联合重装〔2025〕46号 under 工信部联重装〔2024〕89号 (scheme continues, covers core systems and basic parts)", "https://www.zhaozhengce.cn/Policy/Detail/21325", ""),
    ("S_LG21", "财建〔2021〕2号 (MOF/MIIT, 2021-01): central 奖补 of ≥100亿元 in 2021–2025 for about 1,000 national little giants, in three batches of up to 3 years", "", "NOT retrieved from a primary page; amount as stated in the project brief (issue 12) and widely reported; treat as unverified"),
    ("S_LG24", "财政部/工信部 2024 notice 《关于进一步支持专精特新中小企业高质量发展的通知》: three batches, first batch (2024) >1,000 little giants, 600万元 per firm over 3 years, focus on 工业六基", "https://0477ly.com/newsdetail/news677414.html", "mirror"),
]

ASSUMPTIONS = [
    ("A1", "provincial budget for foundation work = 5% of local fiscal S&T spending (S_FIS, 2023)", "how much provinces can co-fund (chain, enterprise, demonstration, platforms, training)"),
    ("A2", "talent at the start = 1.25 x the staff the recorded programme of the year before needed (h per instrument), located where that programme worked (item money by item advantage; money without an item by R&D personnel FTE)", "where talent binds and how much training is bought"),
    ("A3", "platform capacity at the start: 1 cu per national manufacturing innovation centre in its area; each of the 125 public-service, 29 materials and ~200 provincial platforms 1/3 cu, spread by R&D spending (no provincial split published); centres' fields by general knowledge", "where platforms bind and new ones are built"),
    ("A4", "recorded spending per item: Big Fund I split 90/4/4/0.5x4 (IC / processors / equipment / parts, photoresists, EDA) after its 67/17/10/6 portfolio (S_ICF_SPLIT), phase II 70/5/12/4/3/2/2/2 (more equipment and materials); 工业强基 money spread evenly over the 20 components, 15 materials and 10 process products of the 2017 plan", "the fitted gains of every item"),
    ("A5", "工业强基: the 423亿元 of investment were drawn in over 2014–2016 (141亿元/yr) and the programme (later 产业基础再造) ran on at that rate to 2025; recorded totals are taken as programme money (the public part is not published)", "the fitted gains of non-IC items and the backtest"),
    ("A6", "ceilings smax: stranglehold 0.90, shortboard and general 0.95", "segment widths and the last points"),
    ("A7", "weights = domestic demand value (亿元/yr) where the data has a figure (11 items; USD at A19 rates); otherwise the median of the sourced item markets", "what 'self-sufficiency' of a group means; every gain (A20)"),
    ("A8", "area advantage index (items without an item-level table): R&D spending (cube root), cluster strength and little-giant density (LG_2021), mean 1, deviations halved, floor 0.3", "effectiveness of general and area-wide items by province"),
    ("A8b", "item-level advantage = capability x (1 + 0.5 cluster + 0.3 centre + 0.4 major base); capability = 1 + 0.3((R&D/mean)^(1/3) - 1); bases and presence by general knowledge where no cluster or centre names the item", "where each item can be worked on and which provinces can host lead sites"),
    ("A9", "baseline shares assumed where no usable figure exists (see items.csv note_s0)", "starting points of 6 items"),
    ("A10", "chain links and allowed leads between dependent items", "which items hold others back"),
    ("A11", "central budget = fiscal foundation money (5% of central fiscal S&T spending, 3,973.1亿元 in 2023) + the Big Fund's yearly investment (phase II 2,041.5/5 in 2020–24, phase III 3,440/5 in 2025–29); no fund after 2029", "everything the centre can pay for"),
    ("A12", "targets: 2025 policy target (penalty 1000亿元 per point); later milestones (500 per point); per-item floors for stranglehold items (30% in 2030, 50% in 2035) priced at 20 years of the item's market value per point", "what the plan must achieve and what a miss costs"),
    ("A13", "instrument productivities η: national 1.5, chain 1.2, enterprise 1.0 (default model), demonstration 0.8 (sells what exists, builds little capability), little giants 0.6 (>60% of little giants are in foundation fields, national.md §3)", "which instrument is used where; the data identify only gain x η x advantage"),
    ("A14", "talent per 亿元 = 0.217 k FTE (national R&D per FTE) x labour factor (national 0.5: capex-heavy; chain 0.75; enterprise, little giants 1.0; demonstration 0.25); training adds 0.1 k FTE per 亿元 after 3 years", "where talent binds and what training costs"),
    ("A15", "platform use per effort unit (national 0.01: the 2–3 chip centres carried the Big Fund's ~400亿元/yr; chain 0.3, enterprise 0.2, demonstration 0.2, little giants 0.5 cu); a new platform = 1 cu for 5亿元, half central", "where platforms bind and how many are built"),
    ("A16", "continuity: an area's project funding grows at most 25%/yr (+20亿元 start-up ramp) and falls at most 15%/yr", "how fast programmes can start, grow and stop"),
    ("A17", "regional floor: central, west and northeast provinces receive at least 25% of central money (they have 34.6% of R&D spending and 15 of the 45 clusters); no province receives more than 30% of central money in a year", "geography of central money"),
    ("A18", "a national lead site must receive at least the effort that buys 5 points of national share at the eligibility threshold, and never less than 10 effort units", "whether small sites are designated"),
    ("A19", "USD/CNY annual averages 6.73 (2022) and 7.05 (2023)", "the IC, equipment and OLED weights"),
    ("A20", "structure of the fit: gain_k = kappa_tier x 100 / market_k, i.e. a point of a market's domestic share costs in proportion to the market", "gains of items without their own trajectory"),
    ("A21", "effect lags of shortboard and general items = 1 year (the model default): the recorded 工业强基 money is a constant flow and cannot date an effect", "how soon shortboard and general items respond"),
]


def sources_rows(d):
    rows = [[s["code"], s["description"], s["url"], s["notes"]] for s in d.sources]
    rows += [list(r) for r in NEW_SOURCES]
    rows += [[code, text, "", f"ASSUMPTION; drives: {drives}"] for code, text, drives in ASSUMPTIONS]
    return rows


# ---------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------
def targets_for(d, mk, s0, spec):
    """A12: group targets of the spec plus per-item floors for stranglehold items."""
    out = list(spec["targets"])
    for k in d.kids:
        if d.item[k]["tier"] != "stranglehold":
            continue
        for year, level in spec["floors"]:
            out.append({"id": f"floor_{k}_{year}", "items": [k], "year": year, "level": level,
                        "penalty": round(FLOOR_PENALTY_YEARS * mk[k][0] / 100.0, 1),
                        "note": f"stranglehold floor (A12); s0 = {fmt(s0[k], 3)}"})
    return out


def write_instance_toml(folder, spec, targets, budgets):
    L = [f"# {spec['title']}",
         "# Written by instances/china-2025/derive.py; every number is sourced or an",
         "# assumption (A1–A21) listed in README.md with what it drives.",
         f'name = "{spec["name"]}"',
         f'description = "{spec["description"]}"',
         f'description_zh = "{spec["description_zh"]}"',
         'model = "../../models/national.toml"',
         f"first_year = {spec['first_year']}",
         f"last_year = {spec['last_year']}",
         "",
         "# A11: fiscal foundation money + the Big Fund's yearly investment [亿元/yr].",
         "[central_budget_yi]",
         f"default = {fmt(budgets[spec['first_year']], 2)}",
         "[central_budget_yi.by_year]"]
    for y in range(spec["first_year"], spec["last_year"] + 1):
        L.append(f"{y} = {fmt(budgets[y], 2)}")
    L += ["",
          "# A16 (CONT): programmes neither stop nor multiply overnight.",
          "[continuity]",
          f"max_growth = {CONTINUITY['max_growth']}",
          f"max_decline = {CONTINUITY['max_decline']}",
          f"ramp_yi = {CONTINUITY['ramp_yi']}",
          "",
          "# A17 (CAP, REG): geography of central money.",
          "[concentration]",
          f"max_province_share = {MAX_PROVINCE_SHARE}",
          "",
          "[regional_floor]",
          'regions = ["central", "west", "northeast"]',
          f"min_share = {REGIONAL_FLOOR}",
          ""]
    for t in targets:
        L.append("[[targets]]")
        if t.get("note"):
            L[-1] = f"# {t['note']}\n[[targets]]"
        L.append(f'id = "{t["id"]}"')
        if t.get("areas"):
            L.append("areas = [" + ", ".join(f'"{a}"' for a in t["areas"]) + "]")
        if t.get("items"):
            L.append("items = [" + ", ".join(f'"{a}"' for a in t["items"]) + "]")
        L.append(f"year = {t['year']}")
        L.append(f"level = {fmt(t['level'], 3)}")
        L.append(f"penalty_yi_per_point = {fmt(t['penalty'], 1)}")
        L.append("")
    with open(os.path.join(folder, "instance.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def build(d, data_dir):
    aadv = area_advantage(d)
    iadv = item_advantage(d)
    mk, rule = markets(d)
    params, groups = fit(d, iadv, mk)
    ip = item_params(d, params, mk)
    bt = backtest(d, iadv, mk, ip, params)
    s2021 = baseline_2021(d, iadv, ip)
    s2025 = baseline_2025(d, iadv, ip, s2021)
    return {"aadv": aadv, "iadv": iadv, "mk": mk, "rule": rule, "params": params, "groups": groups,
            "ip": ip, "bt": bt, "s2021": s2021, "s2025": s2025, "cap": platform_capacity(d)}


SPECS = {
    "china-2025": {
        "name": "china-2025", "title": "China's five industrial foundations, 31 provinces, 2022–2035 (retrospective).",
        "description": "Retrospective national instance: 33 key items, 31 provinces, 2022–2035, fitted response; toward 70% self-sufficiency of core components and key materials in 2025",
        "description_zh": "回顾性全国实例：33个关键项目、31个省份、2022–2035年，拟合响应；目标为2025年核心基础零部件和关键基础材料70%自主保障",
        "first_year": 2022, "last_year": 2035, "fiscal_growth": 0.0, "programme_year": 2021, "baseline": "s2021",
        "targets": [
            {"id": "core_2025", "areas": ["components", "materials"], "year": 2025, "level": 0.70, "penalty": 1000,
             "note": "policy target (《中国制造2025》 via Li Yizhong 2019, national.md §1); A12 penalty"},
            {"id": "core_2030", "areas": ["components", "materials"], "year": 2030, "level": 0.80, "penalty": 500},
            {"id": "all_2030", "areas": ["all"], "year": 2030, "level": 0.70, "penalty": 500},
            {"id": "all_2035", "areas": ["all"], "year": 2035, "level": 0.80, "penalty": 500},
        ],
        "floors": [(2030, 0.30), (2035, 0.50)],
    },
    "china-2026": {
        "name": "china-2026", "title": "China's five industrial foundations, 31 provinces, 2026–2035 (15th Five-Year Plan and the 2035 goal).",
        "description": "Forward national instance for the 15th Five-Year Plan: 33 key items, 31 provinces, 2026–2035, from the estimated 2025 shares, fitted response",
        "description_zh": "面向“十五五”的前瞻性全国实例：33个关键项目、31个省份、2026–2035年，以估计的2025年自给率为起点，拟合响应",
        "first_year": 2026, "last_year": 2035, "fiscal_growth": FISCAL_ST_GROWTH_2023, "programme_year": 2025, "baseline": "s2025",
        "targets": [
            {"id": "core_2030", "areas": ["components", "materials"], "year": 2030, "level": 0.70, "penalty": 1000,
             "note": "A12: the unmet Made-in-China-2025 milestone carried to the end of the 15th FYP"},
            {"id": "all_2030", "areas": ["all"], "year": 2030, "level": 0.60, "penalty": 500},
            {"id": "core_2035", "areas": ["components", "materials"], "year": 2035, "level": 0.80, "penalty": 500},
            {"id": "all_2035", "areas": ["all"], "year": 2035, "level": 0.70, "penalty": 500},
        ],
        # No 2030 floors: with the fitted six-year lag no money of 2026 or later
        # reaches a stranglehold item (other than chips) by 2030.
        "floors": [(2035, 0.50)],
    },
}


def instance_tables(d, B, spec, folder):
    s0 = {k: v for k, (v, _) in B[spec["baseline"]].items()}
    notes = {k: n for k, (_, n) in B[spec["baseline"]].items()}
    mk, ip, iadv, aadv = B["mk"], B["ip"], B["iadv"], B["aadv"]
    write_csv(folder, "areas.csv", ["id", "name_en", "name_zh"], AREAS)
    # Items
    rows = []
    for k in d.kids:
        it = d.item[k]
        gain, lag, basis = ip[k]
        tier = it["tier"]
        smax = SMAX[tier]
        row = [k, it["area"], tier, fmt(s0[k], 4), fmt(smax, 2), fmt(mk[k][0], 1), sig(gain, 4), lag]
        row.append(fmt(site_min_effort(d, k, s0[k], ip, iadv), 1) if tier == "stranglehold" else "")
        row += [it["name_en"], it["name_zh"], notes[k], f"{mk[k][1]}: {mk[k][2]}", basis, it["sources"]]
        rows.append(row)
    write_csv(folder, "items.csv", ["id", "area", "tier", "s0", "smax", "weight_yi", "gain_per_effort",
                                    "effect_lag_years", "min_site_effort", "name_en", "name_zh", "note_s0",
                                    "note_weight", "note_fit", "source"], rows)
    # Provinces: budget (A1), talent (A2)
    talent_p, _ = talent_by_province(d, spec["programme_year"], iadv, aadv)
    grow = (1.0 + spec["fiscal_growth"]) ** (spec["first_year"] - 2023)
    rows = []
    for p in d.provinces:
        budget = PROVINCIAL_SHARE_OF_LOCAL_ST * float(p["local_st_fiscal_spending_100m_yuan"])
        talent = talent_p[p["id"]]
        rows.append([p["id"], p["region"], fmt(budget * grow, 3), fmt(talent, 3), p["name_en"], p["name_zh"],
                     "S_FIS (budget, A1); S_FTE (talent, A2)"])
    write_csv(folder, "provinces.csv", ["id", "region", "budget_yi", "talent_kfte", "name_en", "name_zh", "source"], rows)
    if spec["fiscal_growth"]:
        rows = []
        for p in d.provinces:
            b = PROVINCIAL_SHARE_OF_LOCAL_ST * float(p["local_st_fiscal_spending_100m_yuan"])
            for y in range(spec["first_year"], spec["last_year"] + 1):
                rows.append([p["id"], y, fmt(b * (1.0 + spec["fiscal_growth"]) ** (y - 2023), 3)])
        write_csv(folder, "provincial_budgets.csv", ["province", "year", "budget_yi"], rows)
    write_csv(folder, "advantage.csv", ["area", "province", "advantage", "source"],
              [[a, p, fmt(aadv[(a, p)]), "S_RDB23 + clusters.csv + LG_2021 (formula A8)"] for a in AREA_IDS for p in d.pids])
    rows = []
    for k in d.kids:
        for p, v, ev, note, src in iadv.get(k, []):
            rows.append([k, p, fmt(v, 4), src, f"evidence {ev}" + (f": {note}" if note else "")])
    write_csv(folder, "item_advantage.csv", ["item", "province", "advantage", "source", "note"], rows)
    cap = B["cap"]
    write_csv(folder, "platforms.csv", ["area", "province", "capacity_cu", "source"],
              [[a, p, fmt(cap[(a, p)], 3), "S_INNO centres + national.md §3 platform counts (A3)"]
               for a in AREA_IDS for p in d.pids if cap[(a, p)] > 0])
    write_csv(folder, "chain_links.csv", ["item", "needs", "max_lead", "note"],
              [[i, n, fmt(g, 2), "ASSUMPTION A10"] for i, n, g in CHAIN_LINKS])
    write_csv(folder, "sources.csv", ["code", "description", "url", "notes"], sources_rows(d))
    budgets = {}
    for y in range(spec["first_year"], spec["last_year"] + 1):
        f, ic = central_budget(y, spec["fiscal_growth"])
        budgets[y] = f + ic
    targets = targets_for(d, mk, s0, spec)
    write_instance_toml(folder, spec, targets, budgets)
    return s0, targets, budgets


# ---------------------------------------------------------------------------
# Consistency checks (what `qiangji check` will also enforce, plus data rules)
# ---------------------------------------------------------------------------
def check_instance(d, folder, spec):
    errs = []
    def rd(name):
        p = os.path.join(folder, name)
        return read(p) if os.path.exists(p) else []
    areas = {r["id"] for r in rd("areas.csv")}
    provs = {r["id"]: r for r in rd("provinces.csv")}
    items = {r["id"]: r for r in rd("items.csv")}
    if len(provs) != 31:
        errs.append(f"{len(provs)} provinces")
    for k, r in items.items():
        if r["area"] not in areas:
            errs.append(f"item {k}: unknown area {r['area']}")
        if r["tier"] not in SMAX:
            errs.append(f"item {k}: bad tier")
        s0, smax, w, g = float(r["s0"]), float(r["smax"]), float(r["weight_yi"]), float(r["gain_per_effort"])
        if not (0 <= s0 <= smax <= 1):
            errs.append(f"item {k}: need 0 <= s0 <= smax <= 1, got {s0}, {smax}")
        if w <= 0 or g <= 0:
            errs.append(f"item {k}: weight and gain must be > 0")
        lag = r["effect_lag_years"]
        if not lag.isdigit():
            errs.append(f"item {k}: lag {lag} not a whole number >= 0")
        if r["min_site_effort"] and float(r["min_site_effort"]) < 0:
            errs.append(f"item {k}: min_site_effort < 0")
    for r in rd("provinces.csv"):
        if r["region"] not in ("east", "central", "west", "northeast"):
            errs.append(f"province {r['id']}: region")
        if float(r["budget_yi"]) < 0 or float(r["talent_kfte"]) < 0:
            errs.append(f"province {r['id']}: negative budget or talent")
    pairs = set()
    for r in rd("advantage.csv"):
        if r["area"] not in areas or r["province"] not in provs or float(r["advantage"]) < 0:
            errs.append(f"advantage row {r}")
        pairs.add((r["area"], r["province"]))
    if len(pairs) != len(areas) * len(provs):
        errs.append("advantage.csv does not cover every area x province pair once")
    seen = set()
    eligible = {}
    for r in rd("item_advantage.csv"):
        if r["item"] not in items or r["province"] not in provs:
            errs.append(f"item_advantage: unknown id in {r['item']},{r['province']}")
        if float(r["advantage"]) < 0:
            errs.append(f"item_advantage {r['item']},{r['province']}: negative")
        if (r["item"], r["province"]) in seen:
            errs.append(f"item_advantage {r['item']},{r['province']}: twice")
        seen.add((r["item"], r["province"]))
        if float(r["advantage"]) >= ETA_NATIONAL_SITE_THRESHOLD:
            eligible.setdefault(r["item"], []).append(r["province"])
    for k, r in items.items():
        if r["tier"] == "stranglehold" and not eligible.get(k):
            errs.append(f"stranglehold item {k} has no province eligible for a lead site")
    for r in rd("platforms.csv"):
        if r["area"] not in areas or r["province"] not in provs or float(r["capacity_cu"]) < 0:
            errs.append(f"platforms row {r}")
    links = rd("chain_links.csv")
    graph = {}
    for r in links:
        a, b, g = r["item"], r["needs"], float(r["max_lead"])
        if a not in items or b not in items or a == b:
            errs.append(f"chain link {a}->{b}: unknown or self")
            continue
        if float(items[a]["s0"]) > float(items[b]["s0"]) + g + 1e-12:
            errs.append(f"chain link {a}->{b}: s0 {items[a]['s0']} > {items[b]['s0']} + {g}")
        graph.setdefault(a, []).append(b)
    state = {}
    def visit(n):
        if state.get(n) == 1:
            return True
        if state.get(n) == 2:
            return False
        state[n] = 1
        cyc = any(visit(m) for m in graph.get(n, []))
        state[n] = 2
        return cyc
    if any(visit(n) for n in list(graph)):
        errs.append("chain links form a cycle")
    for r in rd("provincial_budgets.csv"):
        if r["province"] not in provs or not (spec["first_year"] <= int(r["year"]) <= spec["last_year"]):
            errs.append(f"provincial_budgets row {r}")
    text = open(os.path.join(folder, "instance.toml"), encoding="utf-8").read()
    for m in re.finditer(r'items = \[([^\]]*)\]', text):
        for k in re.findall(r'"([^"]+)"', m.group(1)):
            if k not in items:
                errs.append(f"target names unknown item {k}")
    for y in re.findall(r"^year = (\d+)", text, re.M):
        if not (spec["first_year"] <= int(y) <= spec["last_year"]):
            errs.append(f"target year {y} outside horizon")
    return errs, eligible


# ---------------------------------------------------------------------------
# Generated README tables
# ---------------------------------------------------------------------------
def pct(v, digits=1):
    return f"{100.0 * v:.{digits}f}%"


def ref_mode(tier):
    return {"stranglehold": "national", "shortboard": "chain", "general": "enterprise"}[tier]


def cost_per_point(d, k, B, s0):
    """亿元 per point of national share on the item's first segment, through its
    reference instrument at the historical site mix (hist_adv)."""
    gain, lag, _ = B["ip"][k]
    mult = ETA[ref_mode(d.item[k]["tier"])] * hist_adv(k, B["iadv"])
    first = 0.01 / gain / mult
    smax = SMAX[d.item[k]["tier"]]
    plus10 = effort_for(min(0.10, smax - s0), s0, smax, gain) / mult
    return first, plus10


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def section_fit(d, B):
    P = B["params"]
    lines = ["Parameters (κ = share per effective effort unit for a 100亿元/yr market; gain_k = κ·100/market_k; "
             "effective effort = 亿元 × η_instrument × advantage):", ""]
    rows = []
    for g in B["groups"]:
        rows.append([g["id"], ", ".join(g["items"]), f"{g['kappa_name']} = {sig(g['kappa'], 3)}"
                     + (" (fixed from ic)" if g["fixed_kappa"] else ""),
                     f"{g['lag_name']} = {g['lag']}" + ("" if g["identified"] else " (not identified: A21)"),
                     g["n"], pct(g["rmse"]), g["sets"]])
    lines.append(md_table(["group", "items with data", "scale", "lag (yr)", "obs", "weighted RMSE", "sets"], rows))
    lines += ["", "Residuals (predicted − observed; for a bound, only a violation counts):", ""]
    rows = []
    for g in B["groups"]:
        for (k, y, v, kind, w, p, r, src) in g["rows"]:
            rows.append([k, y, f"{kind} {pct(v)}", pct(p), f"{100 * r:+.1f} pt", fmt(w, 1), src])
    lines.append(md_table(["item", "year", "observed", "model", "residual", "weight", "data"], rows))
    lines += ["", "Lag profile (weighted SSE for each lag; the best is taken where the lag is identified):", ""]
    rows = []
    for g in B["groups"]:
        if g["identified"]:
            rows.append([g["id"]] + [f"{sse:.4f}" for (_, _, sse) in g["profile"]])
    lines.append(md_table(["group"] + [f"L={l}" for l in LAGS], rows))
    return "\n".join(lines)


def section_backtest(d, B):
    bt = B["bt"]
    a = bt["aggregate"]
    lines = [f"**Aggregate, 2015 → 2019.** Every core item (components and materials, {len(a['rows'])} items) starts at "
             f"the 2015 aggregate ({pct(a['start'], 0)}) and receives the recorded 2014–2018 money (A4, A5) through "
             f"the fitted response and lags. Model 2019: **{pct(a['pred'])}** (count-weighted, Li Yizhong's metric) "
             f"against an observed **{pct(a['obs'])}**: error **{100 * a['err']:+.1f} points**; the model explains "
             f"{pct(a['rise_share'], 0)} of the observed rise. Demand-weighted (the targets' metric) the model gives "
             f"{pct(bt['aggregate_weighted'])}.", "",
             "Item by item (2019, from 20%):", ""]
    rows = [[k, pct(v)] for k, v in sorted(a["rows"], key=lambda x: -x[1])]
    lines.append(md_table(["item", "model 2019"], rows))
    ic = bt["ic_loo"]
    lines += ["", f"**IC, last observation held out.** Scale refitted on 2021–2022 only (κ = {sig(ic['kappa'], 3)}); "
              f"model 2023: {pct(ic['pred'])} against 23.0% observed: error {100 * ic['err']:+.1f} points."]
    return "\n".join(lines)


def section_costs(d, B, s0):
    rows = []
    for k in d.kids:
        gain, lag, _ = B["ip"][k]
        first, plus10 = cost_per_point(d, k, B, s0[k])
        rows.append([k, d.item[k]["tier"], fmt(B["mk"][k][0], 0), B["mk"][k][1], pct(s0[k], 0), sig(gain, 3), lag,
                     sig(first, 3), sig(plus10, 3)])
    lines = ["Implied cost of self-sufficiency per item: money (亿元) per point of national domestic share on the first "
             "segment, through the tier's reference instrument (stranglehold: national; shortboard: chain; general: "
             "enterprise) at the historical site mix, and the money for the next 10 points from s0 (later segments cost "
             "1/0.6 and 1/0.3 as much). `flag` says where the market (and hence the gain) comes from.", "",
             md_table(["item", "tier", "market 亿元/yr", "flag", "s0", "gain", "lag", "亿元/point", "亿元 for +10 pt"], rows)]
    # Anchors
    L_ic = B["params"]["L_ic"]
    ic_first, _ = cost_per_point(d, "ic_overall", B, 0.166)
    fund_i_ic = IC_FUND_I_YI * IC_FUND_SPLIT["I"]["ic_overall"]
    years_behind = [y for y in range(2020 - L_ic + 1, 2023 - L_ic + 1)]
    money_behind = sum(m for y in years_behind for m, _, _ in recorded_spending(d, "ic_overall", y))
    qj = qj_per_product()
    cf_first, _ = cost_per_point(d, "carbon_fibre", B, 0.47)
    med_first = 0.01 / gain_of(B["params"]["k_B"], B["rule"]) / (ETA["chain"] * 1.3)
    lines += ["", "Against public anchors:", "",
              md_table(["anchor (source)", "value", "model"], [
                  ["Big Fund I money for chips (S_ICF1, split A4)", f"{fmt(fund_i_ic, 0)}亿元 over 2014–18",
                   f"money behind the 2020→2023 rise of 6.4 points at the fitted lag of {L_ic} years: "
                   f"{fmt(money_behind, 0)}亿元 ({', '.join(map(str, years_behind))}) = {fmt(money_behind / 6.4, 0)}亿元 per point; "
                   f"model's first-segment cost {fmt(ic_first, 0)}亿元 per point"],
                  ["Big Fund II (S_ICF2) / III (national.md)", f"{fmt(IC_FUND_II_YI, 0)} / {fmt(IC_FUND_III_YI, 0)}亿元",
                   f"at the model's IC price, phase II's chip share ({fmt(IC_FUND_II_YI * 0.7, 0)}亿元) buys about "
                   f"{fmt(IC_FUND_II_YI * 0.7 / ic_first, 0)} points of IC self-sufficiency on the first segment"],
                  ["工业强基 projects (national.md §2)", f"{QJ_PROJECTS} projects, {fmt(QJ_INVEST_YI, 0)}亿元: "
                   f"{fmt(QJ_INVEST_YI / QJ_PROJECTS, 2)}亿元 per project",
                   f"one average project buys {fmt(QJ_INVEST_YI / QJ_PROJECTS / med_first, 1)} points of a median-market "
                   f"(156.8亿元) shortboard item at advantage 1.3"],
                  ["Key basic materials (national.md §2)", f"62 materials, {QJ_MATERIAL_PROJECTS} projects, "
                   f"{fmt(QJ_MATERIALS_YI, 1)}亿元 over five years: {fmt(QJ_MATERIALS_YI / 62, 2)}亿元 per material",
                   f"carbon fibre costs {fmt(cf_first, 2)}亿元 per point: {fmt(QJ_MATERIALS_YI / 62, 2)}亿元 buys "
                   f"{fmt(QJ_MATERIALS_YI / 62 / cf_first, 1)} points (observed: 47% → >60% in 2021–22, mostly market-driven)"],
                  ["Aggregate 2015–19 (Li Yizhong)", "20% → 33%: 13.3 count-points",
                   f"recorded money 2014–18 {fmt(sum(m for k in core_items(d) for y in range(2014, 2019) for m, _, _ in recorded_spending(d, k, y)), 0)}亿元 "
                   f"on the core items; the model turns it into {100 * (B['bt']['aggregate']['pred'] - 0.2):.1f} count-points (backtest)"],
              ])]
    return "\n".join(lines)


def section_items(d, B, s0, notes):
    rows = []
    for k in d.kids:
        it = d.item[k]
        gain, lag, basis = B["ip"][k]
        n = notes[k]
        kind = "sourced" if n.startswith("sourced") else ("ASSUMPTION A9" if n.startswith("ASSUMPTION") else "model estimate")
        rows.append([k, it["area"], it["tier"], fmt(s0[k], 3), kind, fmt(B["mk"][k][0], 0), B["mk"][k][1], lag])
    return md_table(["id", "area", "tier", "s0", "s0 basis (items.csv note_s0)", "weight 亿元", "weight flag", "lag"], rows)


def section_geo(d, B, eligible):
    rows = []
    for k in d.kids:
        if k not in B["iadv"]:
            rows.append([k, d.item[k]["tier"], "area index (all 31)", "–"])
            continue
        ent = B["iadv"][k]
        el = [f"{p} {fmt(v, 2)}" for p, v, *_ in sorted(ent, key=lambda x: -x[1]) if v >= ETA_NATIONAL_SITE_THRESHOLD]
        rows.append([k, d.item[k]["tier"], len(ent), ", ".join(el) or "none"])
    return md_table(["item", "tier", "provinces with the industry", "eligible for a lead site (adv ≥ 1.2)"], rows)


def section_sizes(d, B, spec):
    tp, staff = talent_by_province(d, spec["programme_year"], B["iadv"], B["aadv"])
    share = sum(tp.values()) / (RD_FTE_2023_10K * 10.0)
    prog = programme_by_mode(spec["programme_year"])
    cap = B["cap"]
    rows = [[m, fmt(ETA[m], 2), fmt(talent_per_yi(m), 4), fmt(CAPACITY_USE[m], 2),
             next(s for i, s, *_ in MODES if i == m), ", ".join(next(t for i, _, t, *_ in MODES if i == m)),
             fmt(prog.get(m, 0.0), 1)] for m in ETA]
    lines = [md_table(["instrument", "η", "k FTE per 亿元", "cu per 亿元", "central share", "tiers",
                       f"recorded {spec['programme_year']} money 亿元"], rows), "",
             f"Talent at the start: the recorded {spec['programme_year']} programme needed {fmt(staff, 1)} k FTE; "
             f"× {HEADROOM} headroom = {fmt(share * RD_FTE_2023_10K * 10, 1)} k FTE = {pct(share, 2)} of R&D personnel "
             f"FTE, located where that programme worked (item money by the items' advantage; the rest by FTE) (A2); "
             f"largest: {', '.join(f'{p} {fmt(v, 1)}' for p, v in sorted(tp.items(), key=lambda x: -x[1])[:5])} k FTE. Platform capacity at the start: {fmt(sum(cap.values()), 1)} cu "
             f"({', '.join(f'{a} {fmt(sum(cap[(a, p)] for p in d.pids), 1)}' for a in AREA_IDS)}), no advantage factor (A3)."]
    return "\n".join(lines)


def section_budgets(d, spec, budgets):
    rows = []
    prov = sum(PROVINCIAL_SHARE_OF_LOCAL_ST * float(p["local_st_fiscal_spending_100m_yuan"]) for p in d.provinces)
    for y in sorted(budgets):
        f, ic = central_budget(y, spec["fiscal_growth"])
        rows.append([y, fmt(f, 1), fmt(ic, 1), fmt(f + ic, 1), fmt(prov * (1 + spec["fiscal_growth"]) ** (y - 2023), 1)])
    env = []
    for a, b in ((spec["first_year"], min(spec["first_year"] + 4, spec["last_year"])), (spec["first_year"] + 5, spec["last_year"])):
        if a > spec["last_year"]:
            continue
        c = sum(budgets[y] for y in range(a, b + 1))
        pv = sum(prov * (1 + spec["fiscal_growth"]) ** (y - 2023) for y in range(a, b + 1))
        env.append(f"{a}–{b}: central {fmt(c, 0)}亿元, provincial {fmt(pv, 0)}亿元")
    return md_table(["year", "central fiscal (A11)", "Big Fund (A11)", "central total", "provincial total (A1)"], rows) + \
        "\n\nFive-year envelopes: " + "; ".join(env) + "."


def section_reach(d, B, spec, s0, targets, budgets):
    prov = sum(PROVINCIAL_SHARE_OF_LOCAL_ST * float(p["local_st_fiscal_spending_100m_yuan"]) for p in d.provinces)
    money = {y: budgets[y] + prov * (1 + spec["fiscal_growth"]) ** (y - 2023) for y in budgets}
    rows, floors_out = [], []
    for t in targets:
        group = [k for k in d.kids if ("all" in t.get("areas", []) or d.item[k]["area"] in t.get("areas", []))
                 or k in t.get("items", [])]
        start, best, need, cap = relaxed_reach(d, group, t["year"], spec["first_year"], s0, B["ip"], B["mk"],
                                               B["iadv"], B["aadv"], money, t["level"])
        verdict = "unreachable" if best < t["level"] - 1e-9 else "not excluded"
        row = [t["id"], t["year"], pct(t["level"], 0), pct(start), pct(best), verdict,
               "–" if need is None else fmt(need, 0)]
        if t["id"].startswith("floor_"):
            floors_out.append(row)
        else:
            rows.append(row)
    head = ["target", "year", "level", "level at s0", "upper bound", "verdict", "least money 亿元 (bound)"]
    return (md_table(head, rows) + "\n\nPer-item stranglehold floors:\n\n" + md_table(head, floors_out))


def section_assumptions():
    return md_table(["code", "assumption", "drives"], [[c, t, dr] for c, t, dr in ASSUMPTIONS])


def fill_readme(path, sections):
    if not os.path.exists(path):
        return
    text = open(path, encoding="utf-8").read()
    for name, body in sections.items():
        pat = re.compile(rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)", re.S)
        if not pat.search(text):
            raise SystemExit(f"{path}: no marker for section {name}")
        text = pat.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    data_dir = sys.argv[1]
    cmd = sys.argv[2] if len(sys.argv) > 2 else "all"
    d = load(data_dir)
    B = build(d, data_dir)
    if cmd == "fit":
        print(section_fit(d, B))
        return
    if cmd == "backtest":
        print(section_backtest(d, B))
        return
    folders = {"china-2025": HERE, "china-2026": OUT_2026}
    problems = []
    for name, spec in SPECS.items():
        folder = folders[name]
        if cmd != "check":
            s0, targets, budgets = instance_tables(d, B, spec, folder)
        else:
            s0 = {k: v for k, (v, _) in B[spec["baseline"]].items()}
        errs, eligible = check_instance(d, folder, spec)
        problems += [f"{name}: {e}" for e in errs]
        if cmd == "check":
            continue
        notes = {k: n for k, (_, n) in B[spec["baseline"]].items()}
        sections = {"items": section_items(d, B, s0, notes), "geography": section_geo(d, B, eligible),
                    "sizes": section_sizes(d, B, spec), "budgets": section_budgets(d, spec, budgets),
                    "reach": section_reach(d, B, spec, s0, targets, budgets), "costs": section_costs(d, B, s0)}
        if name == "china-2025":
            sections.update({"fit": section_fit(d, B), "backtest": section_backtest(d, B),
                             "assumptions": section_assumptions()})
        fill_readme(os.path.join(folder, "README.md"), sections)
    if cmd != "check":
        site_default = SITE_MIN_EFFORT_FLOOR
        write_model(MODEL_PATH, site_default)
    if problems:
        print("\n".join(problems))
        raise SystemExit(1)
    print("ok: china-2025, china-2026 and models/national.toml consistent")


if __name__ == "__main__":
    main()
