//! Labels of the HTML report in English and Chinese, and the names of areas,
//! items, provinces, instruments and tiers in the report's language (the
//! instance's `name_zh` columns in Chinese).

use crate::instance::{Instance, Mode, Region, Tier};

/// Language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Both languages, in the order `--help` lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The command-line id (`en`, `zh`).
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The `lang` attribute of the page (zh-CN selects simplified glyph forms).
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// A label in this language.
    pub fn t(self, text: Text) -> &'static str {
        match self {
            Lang::En => text.en,
            Lang::Zh => text.zh,
        }
    }

    /// Name of area `a`.
    pub fn area(self, inst: &Instance, a: usize) -> String {
        let area = &inst.areas[a];
        self.pick(&area.name, area.name_zh.as_deref())
    }

    /// Name of item `k`.
    pub fn item(self, inst: &Instance, k: usize) -> String {
        let item = &inst.items[k];
        self.pick(&item.name, item.name_zh.as_deref())
    }

    /// Name of province `p`.
    pub fn province(self, inst: &Instance, p: usize) -> String {
        let province = &inst.provinces[p];
        self.pick(&province.name, province.name_zh.as_deref())
    }

    /// Name of an instrument: the model file's names, else the names of the
    /// three instruments of docs/model.md §1, else its id.
    pub fn mode(self, inst: &Instance, m: Mode) -> String {
        let params = inst.model.mode(m);
        let given = match self {
            Lang::En => &params.name,
            Lang::Zh => &params.name_zh,
        };
        if !given.is_empty() {
            return given.clone();
        }
        let known = match params.id.as_str() {
            "national" => Some(NATIONAL_MODE),
            "chain" => Some(CHAIN_MODE),
            "enterprise" => Some(ENTERPRISE_MODE),
            _ => None,
        };
        known.map_or_else(|| params.id.clone(), |t| self.t(t).to_string())
    }

    /// Name of a tier.
    pub fn tier(self, tier: Tier) -> &'static str {
        self.t(match tier {
            Tier::Stranglehold => Text::new("stranglehold", "卡脖子"),
            Tier::Shortboard => Text::new("short board", "短板"),
            Tier::General => Text::new("small, scattered, weak", "小散多软"),
        })
    }

    /// Name of a region.
    pub fn region(self, region: Region) -> &'static str {
        self.t(match region {
            Region::East => Text::new("east", "东部"),
            Region::Central => Text::new("central", "中部"),
            Region::West => Text::new("west", "西部"),
            Region::Northeast => Text::new("northeast", "东北"),
        })
    }

    /// Name of the area with id `id`, or the id when there is none.
    pub fn area_by_id(self, inst: &Instance, id: &str) -> String {
        inst.areas
            .iter()
            .position(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| self.area(inst, a))
    }

    /// Name of the item with id `id`, or the id when there is none.
    pub fn item_by_id(self, inst: &Instance, id: &str) -> String {
        inst.items
            .iter()
            .position(|k| k.id == id)
            .map_or_else(|| id.to_string(), |k| self.item(inst, k))
    }

    /// The instance's description in this language (the English one where
    /// the instance gives no Chinese).
    pub fn description(self, inst: &Instance) -> &str {
        match self {
            Lang::Zh if !inst.description_zh.is_empty() => &inst.description_zh,
            _ => &inst.description,
        }
    }

    /// An objective preset's name in this language (its id where the model
    /// file gives no Chinese name).
    pub fn preset<'a>(self, inst: &'a Instance, preset: &'a str) -> &'a str {
        match self {
            Lang::Zh => inst
                .model
                .preset_names_zh
                .get(preset)
                .map_or(preset, String::as_str),
            Lang::En => preset,
        }
    }

    /// A target group as written in instance.toml (`components+materials`,
    /// `all`, item ids), with every id replaced by its name.
    pub fn group(self, inst: &Instance, group: &str) -> String {
        let parts: Vec<String> = group
            .split('+')
            .map(|part| {
                if part == "all" {
                    self.t(ALL_ITEMS).to_string()
                } else if inst.areas.iter().any(|a| a.id == part) {
                    self.area_by_id(inst, part)
                } else {
                    self.item_by_id(inst, part)
                }
            })
            .collect();
        parts.join(self.t(GROUP_JOIN))
    }

    fn pick(self, name: &str, name_zh: Option<&str>) -> String {
        match (self, name_zh) {
            (Lang::Zh, Some(zh)) => zh.to_string(),
            _ => name.to_string(),
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::ALL.into_iter().find(|l| l.id() == s).ok_or_else(|| {
            format!(
                "unknown language {}; expected en or zh",
                crate::quote::code(s)
            )
        })
    }
}

/// A label in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, zh: &'static str) -> Text {
        Text { en, zh }
    }
}

macro_rules! labels {
    ($($name:ident = $en:literal, $zh:literal;)*) => {
        $(pub const $name: Text = Text::new($en, $zh);)*
    };
}

labels! {
    NATIONAL_MODE = "national system (lead sites)", "新型举国体制(牵头地)";
    CHAIN_MODE = "chain-type co-funding", "链式协同";
    ENTERPRISE_MODE = "enterprise cultivation", "企业培育";
    ALL_ITEMS = "all items", "全部关键项目";
    GROUP_JOIN = " + ", "+";
    LIST_SEPARATOR = "; ", "；";
    PLAN_TITLE = "Plan", "规划方案";
    CONTENTS = "Contents", "目录";
    GENERATED_BY = "Written by qiangji", "由 qiangji 生成";
    HORIZON = "Horizon", "规划期";
    ITEMS = "key items", "个关键项目";
    AREAS = "foundations", "个基础领域";
    PROVINCES = "provinces", "个省级地区";
    OBJECTIVE_PRESET = "Objective", "目标函数";
    RELAXED = "LP relaxation: lead sites and platforms continuous", "线性松弛：牵头地与平台为连续变量";
    STATUS = "Status", "求解状态";
    NO_PLAN = "No plan is available.", "没有可用的方案。";
    KEY_FIGURES = "Key figures", "关键数字";
    REAL_SPENDING = "Real spending", "实际支出";
    CENTRAL = "central", "中央";
    PROVINCIAL = "provincial", "地方";
    TOTAL = "total", "合计";
    DISCOUNTED_SPENDING = "Discounted spending (objective term)", "贴现支出(目标函数项)";
    PENALTY = "Shortfall penalty (modelling device, not money)", "缺口罚项(建模手段，并非资金)";
    OBJECTIVE = "Objective", "目标函数值";
    FINDING = "Finding", "结论";
    HEADLINE_TARGETS_MET = "Headline targets met", "总体目标达成";
    ITEM_FLOORS_MET = "Item floors met", "单项底线达成";
    OBJECTIVE_AND_SOLVER = "Objective and solver", "目标函数与求解";
    OBJECTIVE_NOTE = "The objective is what the solver minimises: discounted spending plus the shortfall penalty. The penalty prices missed targets; it is a modelling device, not money.", "目标函数是求解器最小化的量：贴现支出加缺口罚项。罚项为未达成目标定价，是建模手段，并非资金。";
    TARGET_KIND = "kind", "类型";
    ITEM_FLOORS_GREY = "item floors (one item each)", "单项底线(各一个项目)";
    HEADLINE_KIND = "headline", "总体目标";
    ITEM_FLOOR_KIND = "item floor", "单项底线";
    LEAD_SITES_COUNT = "National lead sites", "国家牵头地";
    YI = "亿元", "亿元";
    TARGETS = "Targets", "目标";
    TARGET = "target", "目标";
    GROUP = "group", "范围";
    YEAR = "year", "年份";
    REQUIRED = "required", "要求";
    ACHIEVED = "achieved (model)", "达到(模型)";
    REALISED = "realised", "实际实现";
    SHORTFALL = "shortfall", "缺口";
    MET = "met", "达成";
    YES = "yes", "是";
    NO = "no", "否";
    TARGET_SLOPE = "cost slope, 亿元 per point", "成本斜率(亿元/百分点)";
    TARGETS_NOTE = "Achieved is the level the target row sees; realised is what the plan's effort achieves and is never lower. The cost slope is the slope of the objective in the target level at the current point only; it is not the cost of a whole further point unless ranging shows it holds that far.", "“达到(模型)”为目标约束所见水平；“实际实现”为方案投入实际达到的水平，不会更低。成本斜率仅为目标函数对目标水平在当前点的斜率；除非灵敏度区间表明其成立，否则并非再提高一个百分点的成本。";
    SELF_SUFFICIENCY = "Self-sufficiency", "自给率";
    BY_AREA_CHART = "Realised self-sufficiency by foundation (share of domestic demand, %); dashed lines: target levels; grey verticals: target years", "各基础领域实际自给率(占国内需求%)；虚线：目标水平；灰色竖线：目标年份";
    BY_GROUP_CHART = "Realised self-sufficiency of each target group (%); markers: required level in the target year (filled: met, open: missed)", "各目标范围实际自给率(%)；标记：目标年份的要求水平(实心：达成，空心：未达成)";
    SELF_SUFFICIENCY_TABLE = "Realised self-sufficiency (%) in the first year, every target year and the last year", "首年、各目标年份及末年的实际自给率(%)";
    SELF_SUFFICIENCY_EVERY_YEAR = "Realised self-sufficiency (%) in every year", "各年实际自给率(%)";
    INITIAL = "initial", "初始";
    LEVEL = "level", "层级";
    AREA = "foundation", "基础领域";
    ALL = "all items", "全部";
    TARGET_GROUP = "target group", "目标范围";
    MONEY = "Where the money goes", "资金去向";
    HEATMAP_CAPTION = "Project funding over the horizon by foundation and province (亿元, central + provincial)", "规划期内按基础领域和省份的项目资金(亿元，中央+地方)";
    HEATMAP_TABLE = "Project funding by foundation and province (亿元)", "按基础领域和省份的项目资金(亿元)";
    BY_INSTRUMENT_CHART = "Spending by instrument and year (亿元), with platforms and training", "按工具和年份的支出(亿元)，含平台建设与人才培训";
    BY_YEAR_TABLE = "Spending by year and instrument (亿元)", "按年份和工具的支出(亿元)";
    PLATFORMS_SPEND = "platforms", "平台建设";
    TRAINING_SPEND = "training", "人才培训";
    INSTRUMENT = "instrument", "工具";
    PROVINCE_VIEW = "Provinces", "省份";
    RANKED_CAPTION = "Provinces ranked by project funding (亿元); label: highest advantage index (1 = national average) and its foundation", "按项目资金排序的省份(亿元)；标注：最高优势指数(1=全国平均)及其领域";
    PROVINCE = "province", "省份";
    REGION = "region", "区域";
    ADVANTAGE = "advantage index", "优势指数";
    BEST_AREA = "strongest foundation", "优势最强领域";
    FUNDED_AREAS = "funded foundations", "获资助领域数";
    WHY_NOT = "Why these provinces get nothing", "这些省份为何未获资金";
    WHY_NOT_NONE = "Every province receives project funding.", "所有省份均获得项目资金。";
    REASONS = "reasons", "原因";
    LEAD_SITES = "National lead sites", "国家牵头地";
    LEAD_SITES_CAPTION = "Designated national lead sites: project funding over the horizon (亿元); label: advantage index of the site", "已确定的国家牵头地：规划期内项目资金(亿元)；标注：该地优势指数";
    NO_LEAD_SITES = "No national lead site is designated.", "未确定国家牵头地。";
    ITEM = "item", "关键项目";
    EFFORT = "effort (effort units)", "投入(投入单位)";
    FUNDING = "funding (亿元)", "资金(亿元)";
    PLATFORMS = "Platforms", "平台";
    PLATFORMS_CAPTION = "New platforms started each year by foundation (platforms)", "各年按领域新建平台数(个)";
    PLATFORMS_TABLE = "New platforms by foundation and year (platforms)", "按领域和年份的新建平台(个)";
    NO_PLATFORMS = "The plan builds no new platform.", "方案未新建平台。";
    TALENT = "Talent", "人才";
    TALENT_CAPTION = "Talent used and spare by province over the horizon (k FTE-years); bar length: talent available", "规划期内各省人才使用与富余(千人·年)；条长：可用人才";
    TALENT_USED = "used", "已用";
    TALENT_SPARE = "spare", "富余";
    TALENT_AVAILABLE = "available", "可用";
    YEARS_AT_LIMIT = "years at the limit", "达到上限的年数";
    UTILISATION = "used / available (%)", "使用率(%)";
    MARGINAL = "Marginal values of resources", "资源边际价值";
    MARGINAL_CAPTION = "Objective decrease per unit of each resource (亿元 per unit); solid: holds for one more unit; pale: slope at the current point only", "每单位资源使目标函数下降的值(亿元/单位)；深色：对再增加一个单位成立；浅色：仅为当前点斜率";
    RESOURCE = "resource", "资源";
    UNIT = "unit", "单位";
    ONE_MORE = "one more unit lowers the objective by (亿元)", "再增加一个单位使目标函数下降(亿元)";
    ONE_LESS = "one unit less raises the objective by (亿元)", "减少一个单位使目标函数上升(亿元)";
    SLOPE = "slope at the current point (亿元 per unit)", "当前点斜率(亿元/单位)";
    HOLDS_OVER = "holds while the resource is in", "成立区间";
    NOT_RANGED = "not computed (run qiangji sensitivity)", "未计算(请运行 qiangji sensitivity)";
    NO_MARGINAL = "No budget, talent or capacity limit binds with a price: more of any resource would not improve the objective.", "没有带影子价格的预算、人才或平台约束：增加任何资源都不会改善目标函数。";
    MIP_DUALS = "Duals of this MIP come from the LP with every lead site and platform decision fixed at its optimal value.", "该混合整数规划的对偶值来自将牵头地与平台决策固定在最优值后的线性规划。";
    UNIQUE_SPEND_NOTE = "This objective does not price spending: among plans with the same self-sufficiency the solver picked one, and the spending shown is not the unique answer.", "该目标函数不计支出成本：在自给率相同的方案中求解器任选其一，所示支出并非唯一答案。";
    TABLE = "Table", "表格";
    SHOW_TABLE = "Show the table", "展开表格";
    NOTES = "Notes", "说明";
    UNITS_NOTE = "Money in 亿元 (1e8 yuan), undiscounted unless marked; talent in k FTE (thousand full-time equivalents); platform capacity in capacity units (cu); self-sufficiency as a share of domestic demand.", "资金单位为亿元(未贴现，另有说明除外)；人才单位为千人全时当量；平台能力单位为能力单位(cu)；自给率为占国内需求的份额。";
    INSTANCE_FILES = "Input files (sha256)", "输入文件(sha256)";
    FILE = "file", "文件";
    MODEL_FILE_WORD = "model", "模型";
    KFTE_YEARS = "k FTE-yr", "千人·年";
    KFTE_YEARS_COLUMN = "k FTE·yr", "千人·年";
    SWEEP_TITLE = "Sweep", "参数扫描";
    TORNADO_TITLE = "Tornado", "龙卷风图";
    MONTECARLO_TITLE = "Monte Carlo", "蒙特卡洛";
    COMPARISON_TITLE = "Scenario comparison", "情景比较";
    DIFF_TITLE = "What changed", "变化";
    RELAX_TITLE = "Smallest change for a plan with every target met", "使全部目标可达的最小调整";
    RELAX_CHANGES = "Limits moved", "调整的约束";
    RELAX_LIMIT = "limit", "约束";
    RELAX_KIND = "kind", "调整类型";
    RELAX_NOW = "now", "现值";
    RELAX_NEEDED = "needed", "所需值";
    RELAX_CHANGE = "change", "调整量";
    RELAX_TOTALS = "Totals", "合计";
    RELAX_SPLIT_NOTE = "The totals are the minimum; how they split across years or places may not be the only equally small split.", "合计为最小值；其在各年或各地之间的分配可能并非唯一的同样小的分配。";
    PARAMETER = "parameter", "参数";
    VALUE = "value", "取值";
    SPENDING = "spending (亿元)", "支出(亿元)";
    OBJECTIVE_YI = "objective (亿元)", "目标函数值(亿元)";
    BREAKPOINTS = "Points where the optimal basis changes", "最优基发生变化的点";
    BASIS_CHANGED = "basis changed", "基变化";
    SWEEP_MONEY_CAPTION = "Real spending and objective over the swept parameter (亿元); grey verticals: basis changes", "随扫描参数变化的实际支出与目标函数值(亿元)；灰色竖线：基变化处";
    SWEEP_TARGETS_CAPTION = "Target levels achieved over the swept parameter (%); dashed: required levels", "随扫描参数变化的目标达成水平(%)；虚线：要求水平";
    SWEEP_POINTS = "Every point of the sweep", "扫描各点结果";
    NO_SOLUTION = "no plan", "无方案";
    TORNADO_OBJECTIVE_CAPTION = "Change of the objective when each parameter group moves alone (亿元)", "各参数组单独变动时目标函数的变化(亿元)";
    TORNADO_SPEND_CAPTION = "Change of real spending when each parameter group moves alone (亿元)", "各参数组单独变动时实际支出的变化(亿元)";
    TORNADO_TABLE = "Objective, spending and shortfall for each variant", "各变体的目标函数、支出与缺口";
    LOW = "low", "下调";
    HIGH = "high", "上调";
    BASE = "base", "基准";
    SHORTFALL_POINTS = "shortfall (points)", "缺口(百分点)";
    FAN_CAPTION = "Distribution of realised target levels (%): dark band 25–75%, light band 5–95%, line: median; markers: required level", "实际目标水平的分布(%)：深色带 25–75%，浅色带 5–95%，线：中位数；标记：要求水平";
    PROBABILITY_CAPTION = "Probability that each target is met (%)", "各目标达成概率(%)";
    PROBABILITY_MET = "probability met (%)", "达成概率(%)";
    PROBABILITY_REPLANNED = "re-planned per draw", "逐样本重新规划";
    PROBABILITY_KEPT = "base plan kept", "沿用基准方案";
    STANDARD_ERROR = "standard error (points)", "标准误(百分点)";
    TWO_PROBABILITIES = "Two probabilities per target, from the same draws: re-planned — every draw gets its own optimal plan, as if the gains were known before deciding (how likely the target is reachable); base plan kept — today's plan unchanged under the draw (how likely this plan reaches it).", "每个目标给出两个概率(同一组抽样)：逐样本重新规划——每个样本按已知增益各自求最优方案(目标可达的可能性)；沿用基准方案——现行方案不变(该方案达标的可能性)。";
    QUANTILES = "Quantiles of the outcomes", "结果分位数";
    SAMPLES = "samples", "样本数";
    MEAN = "mean", "均值";
    SCENARIO = "scenario", "情景";
    SCENARIO_SPEND_CAPTION = "Real spending of each scenario (亿元): central and provincial; the shortfall penalty is shown apart", "各情景实际支出(亿元)：中央与地方；缺口罚项另列";
    SCENARIO_TARGET_CAPTION = "Level reached for each target by scenario (%); tick: required level", "各情景各目标达到水平(%)；刻度：要求水平";
    SCENARIO_TABLE = "Scenarios side by side", "情景对照";
    COMPARISON_DESCRIPTION = "Each scenario against the base case: real spending (central and provincial; the shortfall penalty is not money and is shown apart), every target, lead sites.", "各情景与基准情景对照：实际支出(中央与地方；缺口罚项并非资金，另列)、各目标、牵头地。";
    SCENARIO_FILE = "scenario file", "情景文件";
    DIFF_CAPTION = "Largest changes from the first to the second plan, in their own units", "从第一个方案到第二个方案的最大变化(各自单位)";
    CHANGE = "change", "变化";
    DIFF_INPUTS = "1. What changed in the inputs", "1. 输入的变化";
    DIFF_SAME_INPUTS = "The same instance files, model file, scenarios and overrides in both.", "两个方案的实例文件、模型文件、情景与参数覆盖均相同。";
    DIFF_SPENDING = "2. Real spending", "2. 实际支出";
    DIFF_SITES = "3. Lead sites and platforms", "3. 牵头地与平台";
    DIFF_TARGETS = "4. Targets and the limits behind them", "4. 目标及其背后的约束";
    DIFF_TARGETS_CAPTION = "Change of each target's level (points)", "各目标水平的变化(百分点)";
    DIFF_RELATED_LIMITS = "limits related to this target that changed", "与该目标相关且发生变化的约束";
    POINTS = "points", "百分点";
    EXPLAINED_BY = "explained by", "原因约束";
    BEFORE = "before", "之前";
    AFTER = "after", "之后";
    LEAD_SITE_NAMES = "lead sites", "牵头地";
    PENALTY_SHORT = "penalty (亿元, not money)", "罚项(亿元，非资金)";
    CENTRAL_YI = "central (亿元)", "中央(亿元)";
    PROVINCIAL_YI = "provincial (亿元)", "地方(亿元)";
    TOTAL_YI = "total (亿元)", "合计(亿元)";
    REASON_NO_INDUSTRY = "no industry for any key item here (advantage 0)", "当地没有任何关键项目的产业基础(优势指数为0)";
    REASON_NO_CAPACITY = "no platform capacity in the foundations open to it, and none built", "可用领域没有平台能力，也未新建平台";
    REASON_NO_TALENT = "no talent available for foundation work", "没有可用于基础工作的人才";
    REASON_NO_BUDGET = "every open instrument needs provincial co-funding and its provincial budget is zero", "所有可用工具都需地方配套，而其地方预算为零";
    REASON_CHEAPER = "targets are met more cheaply elsewhere under the budgets and limits (no single cause)", "在预算和约束下，其他地区达成目标成本更低(无单一原因)";
    NOTHING_DRAWN = "Nothing to draw.", "没有可绘制的数据。";
    POOLS = "Funding pools", "资金池";
    POOL = "pool", "资金池";
    POOL_INFLOW = "inflow (亿元)", "流入(亿元)";
    POOL_CARRIED_IN = "carried in (亿元)", "上年结转(亿元)";
    POOL_SPENT = "spent (亿元)", "支出(亿元)";
    POOL_LEFT = "left (亿元)", "年末结余(亿元)";
    POOL_LAPSED = "unspent, lapsed (亿元)", "未用失效(亿元)";
    POOL_MARGINAL = "marginal value (亿元 of objective per 亿元 of inflow)", "边际价值(每亿元流入的目标函数变化，亿元)";
    POOLS_NOTE = "Central money comes from these pools; money a pool does not spend lapses unless it carries it over. The marginal value is the dual of the pool's balance: the objective change per extra 亿元 of inflow in that year at the current point (negative: the objective falls).", "中央资金来自以上资金池；未用资金除结转部分外失效。边际价值为资金池平衡约束的对偶值：当年每多流入一亿元目标函数在当前点的变化(负值表示目标函数下降)。";
    POOL_UNSPENT = "亿元 left unspent (lapsed or left at the end of the horizon)", "亿元未使用(失效或期末结余)";
    THRESHOLD_NOTE = "Items still below their R&D threshold in the target year gain nothing from one more unit of any resource (0 points per extra 亿元); the exchange rates count only the others:", "目标年份仍低于研发门槛的项目，任何资源多投入一个单位均不增加自给率(每亿元0个百分点)；交换率只计其余项目：";
    WEIGHTED_MEAN = "weighted mean (realised)", "加权平均(实际实现)";
    ITEMS_ASSURED = "items assured (realised)", "自主保障项目数(实际实现)";
    COUNT_MARK = " (count)", "(按项目数)";
    MEASURES_NOTE = "Every group is shown by both measures: its demand-weighted mean share and the items at or above their assurance threshold; a target marked (count) sets its level on the share of items assured, the others on the weighted mean.", "每个目标范围均以两种口径列示：按需求加权的平均自给率，以及达到自主保障门槛的项目数；标注“按项目数”的目标以达到门槛的项目占比为口径，其余以加权平均为口径。";
}

// report.md: its headings, table headers and fixed sentences.
labels! {
    MD_TITLE = "qiangji plan", "qiangji 规划方案";
    MD_COLON = ": ", "：";
    MD_STOP = ".", "。";
    MD_COMMA = ", ", "，";
    MD_NONE = "none", "无";
    MD_NO_TARGETS = "The instance sets no targets.", "本实例未设目标。";
    MD_COUNT_MARK = " (count)", "(按项目数)";
    MD_NO_BOLD = "**no**", "**否**";
    MD_TARGETS_HEADER = "| target | group | year | required | achieved | realised | shortfall | met | +1 point costs 亿元 (spending, penalty) | −1 point saves 亿元 (spending) | weighted mean (realised) | items assured (realised) |", "| 目标 | 范围 | 年份 | 要求 | 达到(模型) | 实际实现 | 缺口 | 达成 | 提高1个百分点的成本 亿元(支出，罚项) | 降低1个百分点的节省 亿元(支出) | 加权平均(实际实现) | 自主保障项目数(实际实现) |";
    MD_TARGETS_NOTE = "*Achieved* is the level the target row sees; *realised* is what the plan's effort achieves (docs/model.md §7) and is never lower. The last two columns are one-sided: the objective change when the level is raised or lowered by one point, each re-solved with lead sites and platforms as planned; in brackets the change of discounted real spending and of the shortfall penalty (not money). Every group is shown by both measures: its demand-weighted mean share and the items at or above their assurance threshold (`assured_at`); a target marked *(count)* sets its level on the share of items assured, the others on the weighted mean.", "*达到(模型)* 为目标约束所见水平；*实际实现* 为方案投入实际达到的水平(docs/model.md §7)，不会更低。提高与降低两列为单侧值：目标水平提高或降低一个百分点时目标函数的变化，各自在牵头地与平台按方案固定后重新求解；括号内为贴现实际支出与缺口罚项(并非资金)的变化。每个目标范围均以两种口径列示：按需求加权的平均自给率，以及达到自主保障门槛(`assured_at`)的项目数；标注 *(按项目数)* 的目标以达到门槛的项目占比为口径，其余以加权平均为口径。";
    MD_PAYERS_HEADER = "central 亿元 | provincial 亿元 | total 亿元", "中央 亿元 | 地方 亿元 | 合计 亿元";
    MD_BY_AREA = "Project funding by foundation:", "按基础领域的项目资金：";
    MD_BY_PROVINCE = "By province:", "按省份：";
    MD_BY_INSTRUMENT = "By instrument:", "按工具：";
    MD_AREA = "area", "基础领域";
    MD_MODE = "mode", "工具";
    MD_BY_YEAR = "By year (including platforms and training):", "按年份(含平台建设与人才培训)：";
    MD_BY_YEAR_HEADER = "| year | central 亿元 | provincial 亿元 | platforms 亿元 | training 亿元 | total 亿元 |", "| 年份 | 中央 亿元 | 地方 亿元 | 平台建设 亿元 | 人才培训 亿元 | 合计 亿元 |";
    MD_WHY_THESE = "Why these provinces (advantage index in the funded areas, 1 = national average; limits that bind there):", "为何是这些省份(获资助领域的优势指数，1=全国平均；当地起作用的约束)：";
    MD_WORTH = "What one more unit is worth", "再增加一个单位的价值";
    MD_EXCHANGE = "Exchange rates", "交换率";
    MD_NOT_COMPUTED = "Marginal values were not computed for this run.", "本次运行未计算边际价值。";
    MD_SUFFICIENCY = "Realised self-sufficiency by foundation", "各基础领域实际自给率";
    MD_UNIQUE_SPEND_NOTE = "Note: this objective does not price spending, so among plans with the same self-sufficiency the solver picked one; the spending shown is not the unique answer.", "注：该目标函数不计支出成本，在自给率相同的方案中求解器任选其一；所示支出并非唯一答案。";
    MD_LATE_BY_YEAR = ", by year: ", "，分年：";
    MD_LATE_CONTINUITY = "; with programme continuity on, this is the honest cost of keeping programmes funded to the end of the horizon", "；启用项目连续性时，这是把项目资助维持到规划期末的真实成本";
    MD_THRESHOLDS = "R&D thresholds", "研发门槛";
    MD_NO_PLAN_STEP = "no plan exists with that step", "按该步长不存在可行方案";
    MD_ZERO_DUAL = "exact: no dual of this limit is positive", "精确：该约束没有正的对偶值";
    MD_RESOLVED = "re-solved at the one-unit step", "按一个单位的步长重新求解";
    MD_NOTHING_SAVES = "No single extra unit of any binding budget, talent or capacity improves the objective (every \"one more unit\" side measured or proven zero).", "任何起作用的预算、人才或平台能力单独再增加一个单位都不能改善目标函数(每个“再增加一个单位”的一侧均已测算或证明为零)。";
    MD_MOST_VALUABLE = "The most valuable extra resources:", "最有价值的追加资源：";
    MD_NOT_APPLICABLE = "n/a", "不适用";
    MD_AT_CEILING = " (its ceiling)", "(已达上限)";
    MD_EXCHANGE_INTRO = "For each target's group: the most its level in the target year can reach with the plan's resources (lead sites and platforms as planned, every other target kept at least at its planned level, spending not counted), and how many points one more unit of a resource adds to that maximum where it adds most — one more 亿元 of central budget in one year, 1 k FTE of talent in one province in every year, one platform's capacity in one area and province. Then what one more point of the target costs and one less saves in this plan's objective, with the real-spending part. Definitions: docs/sensitivity.md.", "对每个目标范围：在方案的资源下(牵头地与平台按方案固定，其他目标至少保持规划水平，不计支出)其目标年份水平最多能达到多少，以及一种资源再增加一个单位在增益最大处能使该最大值提高多少个百分点——某一年中央预算多 1 亿元、某省每年人才多 1 千人、某领域某省多一个平台的能力。然后是该目标提高一个百分点在本方案目标函数中的成本与降低一个百分点的节省，括号内为实际支出部分。定义见 docs/sensitivity.md。";
    MD_EXCHANGE_HEADER = "| target | planned (points) | reachable (points) | points per 亿元 central budget | points per k FTE talent | points per platform | +1 point costs 亿元 (spending) | −1 point saves 亿元 (spending) |", "| 目标 | 规划(百分点) | 可达(百分点) | 每亿元中央预算的百分点 | 每千人人才的百分点 | 每个平台的百分点 | 提高1个百分点的成本 亿元(支出) | 降低1个百分点的节省 亿元(支出) |";
    MD_OTHER_YEAR_INTRO = "Where one more 亿元 buys most in another year than the target's, what links the two years:", "多 1 亿元在目标年份以外的年份增益最大时，这两年之间的联系：";
    MD_THRESHOLD_INTRO = "Items still below their R&D threshold in the target year (docs/model.md §10 (THR)) gain nothing from one more unit; the rates above count only the others:", "目标年份仍低于研发门槛的项目(docs/model.md §10 (THR))从再增加一个单位中得不到任何增益；以上交换率只计其余项目：";
}
