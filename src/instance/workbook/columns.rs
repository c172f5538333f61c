//! What a planner needs to know about each column of each sheet of an
//! instance workbook: its unit and rule (in English and Chinese, for the
//! template's header comments) and the values a cell may take (for the
//! template's data validation). The rules themselves are checked by the
//! readers of `read/`; these texts describe them.

use crate::instance::ranges::{self, Range};

/// The values a column's cells may take, as the template's data validation
/// offers them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Allowed {
    /// Free text (names, notes, sources).
    Text,
    /// An identifier that this row defines.
    NewId,
    /// An id defined in the `id` column of another sheet (`areas`, `items`,
    /// `provinces`): a drop-down list of that column.
    IdOf(&'static str),
    /// One of a fixed list of words.
    OneOf(&'static [&'static str]),
    /// A number within a range.
    Number(Range),
    /// A whole number within [min, max].
    Whole(i32, i32),
}

/// One column of a table sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub unit: &'static str,
    pub rule: &'static str,
    pub rule_zh: &'static str,
    pub allowed: Allowed,
}

/// The tiers of docs/model.md §2, as written in `items`.
pub const TIERS: &[&str] = &["stranglehold", "shortboard", "general"];
/// The regions a province belongs to.
pub const REGIONS: &[&str] = &["east", "central", "west", "northeast"];
/// The measures a target's level may apply to.
pub const METRICS: &[&str] = &["weighted", "count"];
/// Calendar years accepted by the template's validation.
const YEARS: Allowed = Allowed::Whole(1900, 2200);

const fn col(
    name: &'static str,
    unit: &'static str,
    rule: &'static str,
    rule_zh: &'static str,
    allowed: Allowed,
) -> Column {
    Column {
        name,
        unit,
        rule,
        rule_zh,
        allowed,
    }
}

const ID: Column = col(
    "id",
    "",
    "identifier: ASCII letters, digits, _ - . only; unique",
    "标识符：仅限英文字母、数字、_ - .；不得重复",
    Allowed::NewId,
);
const NAME_EN: Column = col(
    "name_en",
    "",
    "optional English name",
    "可选：英文名称",
    Allowed::Text,
);
const NAME_ZH: Column = col(
    "name_zh",
    "",
    "optional Chinese name (used with --lang zh)",
    "可选：中文名称（--lang zh 时使用）",
    Allowed::Text,
);
const AREA: Column = col(
    "area",
    "",
    "an id of the areas sheet",
    "须为 areas 表中的标识符",
    Allowed::IdOf("areas"),
);
const PROVINCE: Column = col(
    "province",
    "",
    "an id of the provinces sheet",
    "须为 provinces 表中的标识符",
    Allowed::IdOf("provinces"),
);
const ITEM: Column = col(
    "item",
    "",
    "an id of the items sheet",
    "须为 items 表中的标识符",
    Allowed::IdOf("items"),
);
const YEAR: Column = col(
    "year",
    "calendar year",
    "a whole year within the horizon (first_year..last_year)",
    "规划期内的整数年份（first_year 至 last_year）",
    YEARS,
);

/// The columns of table `sheet` (the CSV file's stem), required ones first.
pub fn columns(sheet: &str) -> &'static [Column] {
    match sheet {
        "areas" => &AREAS,
        "items" => &ITEMS,
        "provinces" => &PROVINCES,
        "advantage" => &ADVANTAGE,
        "item_advantage" => &ITEM_ADVANTAGE,
        "platforms" => &PLATFORMS,
        "chain_links" => &CHAIN_LINKS,
        "provincial_budgets" => &PROVINCIAL_BUDGETS,
        "pipeline" => &PIPELINE,
        _ => &[],
    }
}

static ADVANTAGE: [Column; 3] = [
    AREA,
    PROVINCE,
    col(
        "advantage",
        "index, 1 = national average",
        "in [0, 100]",
        "取值 [0, 100]，1 为全国平均",
        Allowed::Number(ranges::ADVANTAGE),
    ),
];

static ITEM_ADVANTAGE: [Column; 3] = [
    ITEM,
    PROVINCE,
    col(
        "advantage",
        "index, 1 = national average",
        "in [0, 100]; overrides the area's advantage for this item",
        "取值 [0, 100]；覆盖该项目所属领域的优势指数",
        Allowed::Number(ranges::ADVANTAGE),
    ),
];

static PLATFORMS: [Column; 3] = [
    AREA,
    PROVINCE,
    col(
        "capacity_cu",
        "cu (capacity units)",
        "platform capacity before the first year, ≥ 0",
        "首年前已有平台能力，≥ 0",
        Allowed::Number(ranges::CAPACITY_CU),
    ),
];

static CHAIN_LINKS: [Column; 3] = [
    ITEM,
    col(
        "needs",
        "",
        "the item this item needs (an id of the items sheet)",
        "所依赖的项目（items 表中的标识符）",
        Allowed::IdOf("items"),
    ),
    col(
        "max_lead",
        "share",
        "largest lead of the item's share over the needed item's, in [0, 1]",
        "该项目自给率可领先所依赖项目的最大幅度，取值 [0, 1]",
        Allowed::Number(ranges::SHARE),
    ),
];

static PROVINCIAL_BUDGETS: [Column; 3] = [
    PROVINCE,
    YEAR,
    col(
        "budget_yi",
        "亿元 per year",
        "the province's budget that year, ≥ 0",
        "该省当年预算（亿元/年），≥ 0",
        Allowed::Number(ranges::BUDGET_YI),
    ),
];

static PIPELINE: [Column; 3] = [
    ITEM,
    YEAR,
    col(
        "effective_effort",
        "effort units",
        "effective effort already committed that year, ≥ 0",
        "当年已承诺的有效投入（投入单位），≥ 0",
        Allowed::Number(ranges::PIPELINE_EFFORT),
    ),
];

static AREAS: [Column; 3] = [ID, NAME_EN, NAME_ZH];

static ITEMS: [Column; 16] = [
    ID,
    AREA,
    col(
        "tier",
        "",
        "stranglehold, shortboard or general",
        "卡脖子（stranglehold）、短板（shortboard）或一般（general）",
        Allowed::OneOf(TIERS),
    ),
    col(
        "s0",
        "share",
        "self-sufficiency before the first year, in [0, 1] (0.3, not 30%)",
        "首年前自给率，取值 [0, 1]（写 0.3，不写 30%）",
        Allowed::Number(ranges::SHARE),
    ),
    col(
        "smax",
        "share",
        "ceiling of self-sufficiency, in (0, 1], at least s0",
        "自给率上限，取值 (0, 1]，不低于 s0",
        Allowed::Number(ranges::CEILING_SHARE),
    ),
    col(
        "weight_yi",
        "亿元",
        "domestic demand value, the item's weight in group targets",
        "国内需求价值（亿元），即该项目在目标组中的权重",
        Allowed::Number(ranges::WEIGHT_YI),
    ),
    col(
        "gain_per_effort",
        "share per effort unit",
        "share gained per unit of effective effort",
        "每单位有效投入提高的自给率",
        Allowed::Number(ranges::GAIN),
    ),
    col(
        "max_sites",
        "sites",
        "optional: most national lead sites, whole number ≥ 1",
        "可选：全国牵头地最多个数，≥ 1 的整数",
        Allowed::Whole(1, 1000),
    ),
    col(
        "min_site_effort",
        "effort units",
        "optional: least national effort of a designated site over the horizon",
        "可选：牵头地在规划期内的最低国家投入",
        Allowed::Number(ranges::SITE_EFFORT),
    ),
    col(
        "effect_lag_years",
        "years",
        "optional: years between effort and its effect, whole number",
        "可选：投入到见效的年数，整数",
        Allowed::Whole(0, 50),
    ),
    col(
        "assured_at",
        "share",
        "optional: share at which the item counts as assured, in (0, 1]",
        "可选：视为有保障的自给率，取值 (0, 1]",
        Allowed::Number(ranges::CEILING_SHARE),
    ),
    col(
        "rd_threshold",
        "effort units",
        "optional: cumulative effective effort before any share appears",
        "可选：出现自给率提升前所需的累计有效投入",
        Allowed::Number(ranges::RD_THRESHOLD),
    ),
    col(
        "drift",
        "share per year",
        "optional: share gained per year without programme money",
        "可选：无专项资金时每年自然提高的自给率",
        Allowed::Number(ranges::DRIFT),
    ),
    NAME_EN,
    NAME_ZH,
    col(
        "note",
        "",
        "optional free text, never read as data",
        "可选：备注，不作为数据读取",
        Allowed::Text,
    ),
];

static PROVINCES: [Column; 8] = [
    ID,
    col(
        "region",
        "",
        "east, central, west or northeast",
        "东部（east）、中部（central）、西部（west）或东北（northeast）",
        Allowed::OneOf(REGIONS),
    ),
    col(
        "budget_yi",
        "亿元 per year",
        "provincial budget per year, ≥ 0",
        "省级年度预算（亿元/年），≥ 0",
        Allowed::Number(ranges::BUDGET_YI),
    ),
    col(
        "talent_kfte",
        "k FTE",
        "talent available in the first year, ≥ 0",
        "首年可用人才（千人年），≥ 0",
        Allowed::Number(ranges::TALENT_KFTE),
    ),
    col(
        "talent_growth",
        "per year",
        "optional: talent growth per year, in [-0.5, 1]",
        "可选：人才年增长率，取值 [-0.5, 1]",
        Allowed::Number(ranges::TALENT_GROWTH),
    ),
    col(
        "max_new_platforms",
        "platforms per year",
        "optional: most new platforms per year, whole number",
        "可选：每年最多新建平台数，整数",
        Allowed::Whole(0, 1000),
    ),
    NAME_EN,
    NAME_ZH,
];

/// The columns of the `targets` sheet (one row per `[[targets]]` entry).
pub const TARGETS: [Column; 8] = [
    ID,
    col(
        "areas",
        "",
        "areas whose items form the group, separated by commas; all = every item",
        "组成目标组的领域，用逗号分隔；all 表示全部项目",
        Allowed::Text,
    ),
    col(
        "items",
        "",
        "further items of the group, separated by commas",
        "目标组中的其他项目，用逗号分隔",
        Allowed::Text,
    ),
    YEAR,
    col(
        "level",
        "share",
        "target level θ, in [0, 1]",
        "目标水平 θ，取值 [0, 1]",
        Allowed::Number(ranges::SHARE),
    ),
    col(
        "penalty_yi_per_point",
        "亿元 per point",
        "optional: penalty per point of shortfall (model default), ≥ 0",
        "可选：每差一个百分点的惩罚（亿元），≥ 0",
        Allowed::Number(ranges::PENALTY_YI_PER_POINT),
    ),
    col(
        "metric",
        "",
        "optional: weighted (default) or count",
        "可选：weighted（加权，默认）或 count（计数）",
        Allowed::OneOf(METRICS),
    ),
    col(
        "assured_at",
        "share",
        "optional: share at which an item counts as assured, in (0, 1]",
        "可选：项目视为有保障的自给率，取值 (0, 1]",
        Allowed::Number(ranges::CEILING_SHARE),
    ),
];

/// The column spec of `name` in `sheet`, if the format describes it.
pub fn find(sheet: &str, name: &str) -> Option<&'static Column> {
    let list: &'static [Column] = if sheet == "targets" {
        &TARGETS
    } else {
        columns(sheet)
    };
    list.iter().find(|c| c.name == name)
}

/// Whether a table column holds ids or words (written as text, never as a
/// number, so an id such as `007` keeps its zeros).
pub fn is_text(sheet: &str, name: &str) -> bool {
    match find(sheet, name) {
        Some(c) => matches!(
            c.allowed,
            Allowed::Text | Allowed::NewId | Allowed::IdOf(_) | Allowed::OneOf(_)
        ),
        None => true,
    }
}
