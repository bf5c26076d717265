/*
 * The finance workbook (docs/finance.md, "The workbook"): an .xlsx file a
 * finance controller can audit and change. This is the only module that
 * includes <xlsxwriter.h>.
 *
 * Every figure is a live formula over the inputs, laid out the way the
 * projection computes it (src/finance/projection.c), and carries the value
 * crmeval computed as its cached result, so a viewer that does not
 * recalculate still shows numbers and one that does gets the same ones:
 *  - Assumptions: the evaluation's inputs as named cells (discount_rate,
 *    seats, seat_growth, timing, risk_costs, fx_USD...), the users and
 *    discount factors by year, and the benefits before the vendor factor;
 *  - one sheet per vendor: each cost line's yearly amount as a formula
 *    over its inputs, the yearly table, the cash schedule by payment date
 *    and the summary (NPV, IRR, MIRR, payback...), unadjusted and
 *    risk-adjusted;
 *  - Summary: the vendors side by side, and the discount-rate scenarios;
 *  - Scores: the normalised matrix, the weights as inputs, the score as
 *    SUMPRODUCT and the rank as RANK.
 * Year t sits in the same column on every sheet, so a formula reads the
 * Assumptions of its own year with a plain column reference.
 *
 * Determinism: the document's created date is the evaluation's date (a
 * workbook otherwise carries the time it was made), so the same inputs
 * give the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "crmeval/report.h"
#include "analysis/sensitivity.h"
#include "report/conventions.h"
#include "report/xlsx_file.h"
#include "score/score.h"
#include "util/arena.h"
#include "util/fileio.h"
#include "util/output.h"
#include "util/strutil.h"


/* The column of year 0 on every sheet; cost lines' inputs sit left of it. */
#define YC 14
/* Longest formula written (a percentage of many lines, tiers). */
#define FORMULA_MAX 4096

/* Headings in English and Simplified Chinese. */
static const struct heading {
    const char *key, *en, *zh;
} headings[] = {
    { "assumptions", "Assumptions", "假设" },
    { "summary", "Summary", "汇总" },
    { "scores", "Scores", "评分" },
    { "inputs_note", "Blue cells are inputs: change them and every figure recalculates.",
      "蓝色单元格为输入项：修改后所有数字自动重算。" },
    { "discount_rate", "discount rate", "折现率" },
    { "horizon_years", "horizon (years; fixes the year columns)", "期限（年，决定年度列数）" },
    { "seats", "seats (users in year 1)", "席位（第 1 年用户数）" },
    { "seat_growth", "seat growth a year", "席位年增长率" },
    { "price_escalation", "list price escalation a year", "标价年涨幅" },
    { "timing", "timing of the flows (end_of_year or mid_year)", "现金流时点（end_of_year 或 mid_year）" },
    { "risk_costs", "risk adjustment of costs (flat)", "成本风险调整（统一）" },
    { "risk_benefits", "risk adjustment of benefits (flat)", "收益风险调整（统一）" },
    { "currency", "currency", "币种" },
    { "fx", "exchange rate: units of the currency per", "汇率：每单位外币折合本币" },
    { "year", "year", "年" },
    { "users", "users", "用户数" },
    { "f_arrears", "discount factor, paid at the end of the year (arrears)", "折现系数：年末支付（后付）" },
    { "f_mid", "discount factor, paid mid-year", "折现系数：年中支付" },
    { "f_advance", "discount factor, paid at the start of the year (advance)", "折现系数：年初支付（预付）" },
    { "f_flows", "discount factor of the evaluation's flows", "评估现金流的折现系数" },
    { "benefits_before", "benefits before the vendor's factor", "收益（未乘厂商系数）" },
    { "benefit", "benefit", "收益项" },
    { "kind", "kind", "类型" },
    { "formula", "formula", "公式" },
    { "p1", "parameter 1", "参数 1" },
    { "p2", "parameter 2", "参数 2" },
    { "p3", "parameter 3", "参数 3" },
    { "escalation", "escalation", "年增长" },
    { "first_year", "first year", "起始年" },
    { "last_year", "last year", "结束年" },
    { "risk", "risk adjustment", "风险调整" },
    { "rationale", "risk rationale", "风险理由" },
    { "ramp", "ramp (adoption)", "爬坡（采用率）" },
    { "note", "note", "说明" },
    { "minimum_seats", "minimum seats", "最低席位" },
    { "benefit_factor", "benefit factor", "收益系数" },
    { "billed_seats", "billed seats", "计费席位" },
    { "added_seats", "seats added", "新增席位" },
    { "line", "cost line", "成本项" },
    { "category", "category", "类别" },
    { "basis", "basis", "计价方式" },
    { "billing", "billing", "付款时点" },
    { "expense", "capex/opex", "资本/经营支出" },
    { "rate", "exchange rate", "汇率" },
    { "amount", "amount", "金额" },
    { "percent", "percent", "百分比" },
    { "of", "of", "基数" },
    { "unadjusted", "Unadjusted", "未调整" },
    { "risk_adjusted", "Risk-adjusted", "风险调整后" },
    { "paid_arrears", "costs paid at the end of the year", "年末支付的成本" },
    { "paid_mid", "costs paid mid-year", "年中支付的成本" },
    { "paid_advance", "costs paid at the start of the year", "年初支付的成本" },
    { "total_cost", "total cost", "总成本" },
    { "capex", "capex", "资本支出" },
    { "opex", "opex", "经营支出" },
    { "benefits", "benefits", "收益" },
    { "net", "net", "净现金流" },
    { "cumulative", "cumulative", "累计" },
    { "factor", "discount factor", "折现系数" },
    { "disc_costs", "discounted costs", "成本现值" },
    { "disc_benefits", "discounted benefits", "收益现值" },
    { "disc_net", "discounted net", "净现值（年）" },
    { "cum_disc", "cumulative discounted", "累计现值" },
    { "time", "time (years)", "时点（年）" },
    { "cash", "net cash by payment date", "按支付时点的净现金流" },
    { "tco", "TCO (nominal)", "总拥有成本（名义）" },
    { "pv_costs", "PV of costs", "成本现值" },
    { "pv_benefits", "PV of benefits", "收益现值" },
    { "npv", "NPV", "净现值" },
    { "npv_check", "NPV from the cash schedule (check)", "按现金流时点计算的净现值（核对）" },
    { "seat_years", "seat-years (years 1..N)", "席位年（第 1 至 N 年）" },
    { "per_seat", "TCO per seat-year", "每席位年总拥有成本" },
    { "roi", "ROI", "投资回报率" },
    { "bcr", "benefit-cost ratio", "效益成本比" },
    { "irr", "IRR", "内部收益率" },
    { "mirr", "MIRR", "修正内部收益率" },
    { "last_negative", "last year the cumulative is negative, + 1", "累计为负的最后一年 + 1" },
    { "payback", "payback (years)", "回收期（年）" },
    { "disc_last_negative", "last year the discounted cumulative is negative, + 1",
      "累计现值为负的最后一年 + 1" },
    { "disc_payback", "discounted payback (years)", "折现回收期（年）" },
    { "irr_crmeval", "crmeval's IRR finding", "crmeval 的内部收益率结论" },
    { "vendor", "vendor", "厂商" },
    { "name", "name", "名称" },
    { "rank", "rank", "排名" },
    { "score", "score", "得分" },
    { "price_known", "price known", "价格已知" },
    { "npv_risk", "NPV risk-adjusted", "风险调整后净现值" },
    { "scenarios", "NPV at other discount rates (rates are inputs)", "不同折现率下的净现值（折现率可修改）" },
    { "scenarios_risk", "Risk-adjusted NPV at those rates", "上述折现率下的风险调整后净现值" },
    { "group", "group", "组" },
    { "weight", "weight (input)", "权重（输入）" },
    { "share", "share", "占比" },
    { "criterion", "criterion", "评价项" },
    { "within", "weight within its group (input)", "组内权重（输入）" },
    { "effective", "effective weight", "有效权重" },
    { "tier", "tier (0 competes, 1 after passing, 2 knocked out)",
      "层级（0 参与排名，1 排在通过者之后，2 淘汰）" },
    { "rank_key", "rank key: ROUND(score, 6) - 1000 x tier", "排名键：ROUND(得分, 6) - 1000 × 层级" },
    { "scores_note",
      "Normalised values (0..1) are crmeval's; TCO per seat-year and PV of costs scored by a value "
      "function follow the vendor sheets. Must-haves (tier) are crmeval's: re-run crmeval when a "
      "change could break one.",
      "归一化值（0 至 1）来自 crmeval；按价值函数评分的每席位年总拥有成本与成本现值随厂商工作表变化。"
      "必备项（层级）为 crmeval 的结论：若修改可能使其不满足，请重新运行 crmeval。" },
    { "price_unknown", "No list price: the licence cost is missing and the costs are understated.",
      "无标价：许可费用缺失，成本被低估。" },
    { "rounding",
      "Computed at full precision; shown rounded: money to 2 decimals, rates to 2 decimals of a "
      "percent, discount factors to 10.",
      "按完整精度计算；显示时四舍五入：金额 2 位小数，比率为百分比 2 位小数，折现系数 10 位。" },
    { "none", "none", "无" },
    { "conv_end", NULL, "第 0 年不折现；现金流发生在每年年末（折现系数 1/(1+r)^t）；按年复利" },
    { "conv_mid", NULL, "第 0 年不折现；第 1 至 N 年现金流发生在年中（折现系数 1/(1+r)^(t-0.5)）；按年复利" },
    { "conv_mixed", NULL,
      "第 0 年不折现；现金流按评估时点折现，另有付款时点的成本项按其付款时点折现："
      "年末（后付）1/(1+r)^t，年中 1/(1+r)^(t-0.5)，年初（预付）1/(1+r)^(t-1)；按年复利" },
    { "not_within", "not within the horizon", "期限内未回收" },
};

/* The workbook being written. */
struct wb {
    lxw_workbook *book;
    const struct crm_result *res;
    const struct crm_evaluation *ev;
    bool zh;
    bool failed;                 /* a write failed (libxlsxwriter's error) */
    lxw_error error;
    size_t years;
    lxw_format *title, *bold, *head, *text, *note, *money, *rate, *factor,
        *number, *years_fmt, *in_money, *in_rate, *in_number, *in_text;
    char assume[40];             /* the Assumptions sheet's name, quoted */
    char scores[40];
    /* Assumptions rows (0-based) */
    int a_year, a_users, a_factor[CRM_TIMED], a_flows;
    int *a_benefit;              /* [benefit]: row of its yearly amounts */
    int *a_benefit_risk;         /* [benefit]: its risk adjustment cell row */
    /* per vendor */
    struct vpos {
        char sheet[40];          /* quoted */
        int sum[2];              /* first summary row, per scenario */
        int cash[2];             /* cash schedule amount row, per scenario */
        int time_row;
        int seats_row;
    } *v;
    int *score_row;              /* [vendor]: its row on Scores */
};

/* Offsets of the summary rows below wb.v[].sum[s]. */
enum {
    S_TCO, S_PV_COSTS, S_PV_BENEFITS, S_NPV, S_NPV_CHECK, S_SEAT_YEARS, S_PER_SEAT,
    S_ROI, S_BCR, S_IRR, S_IRR_NOTE, S_MIRR, S_LAST_NEG, S_PAYBACK, S_DISC_LAST_NEG,
    S_DISC_PAYBACK, S_CAPEX, S_OPEX, S_COUNT
};

/* The heading for key in the workbook's language (Chinese when a heading
 * has no English), or the key itself when it is not in the table; never
 * to be freed. */
static const char *L(const struct wb *w, const char *key)
{
    size_t i;

    for (i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
        if (strcmp(headings[i].key, key) == 0) {
            return w->zh || headings[i].en == NULL ? headings[i].zh : headings[i].en;
        }
    }
    return key;
}

/* The timing and discounting rule in the workbook's language (English:
 * the sentence every report states, report/conventions.h). */
static const char *conventions(const struct wb *w)
{
    if (!w->zh) {
        return crm__finance_conventions(w->res);
    }
    return crm__finance_mixed_timing(w->res)                ? L(w, "conv_mixed")
           : w->ev->finance.timing == CRM_TIMING_MID_YEAR ? L(w, "conv_mid")
                                                           : L(w, "conv_end");
}

/* "A1"-style reference; @p absr / @p absc put a $ before the row / column. */
static const char *ref(char *buf, int row, int col, bool absr, bool absc)
{
    char letters[8];
    int n = 0, c = col + 1;
    char tmp[8];

    while (c > 0) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (c = 0; c < n; c++) {
        letters[c] = tmp[n - 1 - c];
    }
    letters[n] = '\0';
    snprintf(buf, 24, "%s%s%s%d", absc ? "$" : "", letters, absr ? "$" : "", row + 1);
    return buf;
}

/* A cell reference in a 24-byte buffer from a small rotating pool, so one
 * formula can use several. */
static const char *R(int row, int col, bool absr, bool absc)
{
    static _Thread_local char pool[16][24];
    static _Thread_local unsigned next;

    return ref(pool[next++ % 16], row, col, absr, absc);
}

/* Note a libxlsxwriter call's failure. An allocation that failed during
 * the call is out of memory even when the call says nothing (errno is
 * cleared when the writer process starts; see write_workbook). */
static void check(struct wb *w, lxw_error e)
{
    if (errno == ENOMEM) {
        e = LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    if (e != LXW_NO_ERROR && !w->failed) {
        w->failed = true;
        w->error = e;
    }
}

/* The cell writers ask nothing more of libxlsxwriter once a call failed:
 * after a failed allocation its state may hold a NULL it will use. */
static void put_num(struct wb *w, lxw_worksheet *ws, int row, int col, double x, lxw_format *f)
{
    if (w->failed) {
        return;
    }
    check(w, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, x, f));
}

static void put_str(struct wb *w, lxw_worksheet *ws, int row, int col, const char *s,
                    lxw_format *f)
{
    if (s != NULL && *s != '\0' && !w->failed) {
        check(w, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f));
    }
}

/* A formula (printf-style) with its cached numeric result. */
static void put_formula(struct wb *w, lxw_worksheet *ws, int row, int col, double cached,
                        lxw_format *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* A formula longer than FORMULA_MAX fails the workbook rather than being
 * cut short; a cached value that is not finite is cached as 0. */
static void put_formula(struct wb *w, lxw_worksheet *ws, int row, int col, double cached,
                        lxw_format *f, const char *fmt, ...)
{
    char formula[FORMULA_MAX];
    va_list ap;
    int n;

    if (w->failed) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(formula, sizeof(formula), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(formula)) {
        check(w, LXW_ERROR_255_STRING_LENGTH_EXCEEDED);
        return;
    }
    check(w, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f,
                                         isfinite(cached) ? cached : 0));
}

/* The same with a cached text result (a figure that has none: "none"). */
static void put_formula_str(struct wb *w, lxw_worksheet *ws, int row, int col,
                            const char *cached, lxw_format *f, const char *formula)
{
    if (w->failed) {
        return;
    }
    check(w, worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f,
                                         cached));
}

/* A named input cell on sheet @p quoted. */
static void define_on(struct wb *w, const char *quoted, const char *name, int row, int col)
{
    char formula[128];

    if (w->failed) {
        return;
    }
    snprintf(formula, sizeof(formula), "=%s!%s", quoted, R(row, col, true, true));
    check(w, workbook_define_name(w->book, name, formula));
}

/* A named input cell on Assumptions. */
static void define(struct wb *w, const char *name, int row, int col)
{
    define_on(w, w->assume, name, row, col);
}

/* A new cell format owned by the workbook: number format num (NULL: none),
 * with input, blue on cream so the cells meant to be changed stand out.
 * NULL, and the workbook failed, when out of memory. */
static lxw_format *format(struct wb *w, const char *num, bool input, bool bold)
{
    lxw_format *f = workbook_add_format(w->book);

    if (f == NULL) {
        w->failed = true;
        w->error = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return NULL;
    }
    if (num != NULL) {
        format_set_num_format(f, num);
    }
    if (input) {
        format_set_font_color(f, LXW_COLOR_BLUE);
        format_set_bg_color(f, 0xFFF8DC);
    }
    if (bold) {
        format_set_bold(f);
    }
    return f;
}

/* The cell formats: inputs blue on cream; money, rates, factors. */
static void formats(struct wb *w)
{
    w->title = format(w, NULL, false, true);
    if (w->title != NULL) {
        format_set_font_size(w->title, 14);
    }
    w->bold = format(w, NULL, false, true);
    w->head = format(w, NULL, false, true);
    if (w->head != NULL) {
        format_set_bottom(w->head, LXW_BORDER_THIN);
        format_set_text_wrap(w->head);
    }
    w->text = format(w, NULL, false, false);
    w->note = format(w, NULL, false, false);
    if (w->note != NULL) {
        format_set_font_color(w->note, LXW_COLOR_GRAY);
    }
    w->money = format(w, "#,##0.00", false, false);
    w->rate = format(w, "0.00%", false, false);
    w->factor = format(w, "0.0000000000", false, false);
    w->number = format(w, "0", false, false);
    w->years_fmt = format(w, "0.00", false, false);
    w->in_money = format(w, "#,##0.00", true, false);
    w->in_rate = format(w, "0.00%", true, false);
    w->in_number = format(w, "0.########", true, false);
    w->in_text = format(w, NULL, true, false);
}

/* A sheet; @p quoted gets its name as a formula reference ('name'). */
static lxw_worksheet *sheet(struct wb *w, const char *name, char *quoted, size_t size)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->book, name);

    if (ws == NULL) {
        /* a name libxlsxwriter refuses (vendor_sheet_name makes them
         * unique and valid) or out of memory: errno tells which */
        w->failed = true;
        w->error = errno == ENOMEM ? LXW_ERROR_MEMORY_MALLOC_FAILED
                                   : LXW_ERROR_SHEETNAME_ALREADY_USED;
        return NULL;
    }
    if (quoted != NULL) {
        snprintf(quoted, size, "'%s'", name);
    }
    return ws;
}

/* The year labels 0..N in row @p row from column YC, and the year
 * columns' width. */
static void year_row(struct wb *w, lxw_worksheet *ws, int row, const char *label)
{
    size_t t;

    put_str(w, ws, row, 0, label, w->head);
    for (t = 0; t < w->years; t++) {
        put_num(w, ws, row, YC + (int)t, (double)t, w->head);
    }
    check(w, worksheet_set_column(ws, YC, (lxw_col_t)(YC + 2 * w->years), 15, NULL));
}

/* ---- Assumptions ---- */

static const char *const benefit_kinds[] = { "revenue", "cost_saving", "productivity", "churn" };
static const char *const benefit_formulas[] = {
    "baseline_revenue x uplift x margin", "amount", "hours_per_user_year x users x loaded_rate",
    "customers x churn_reduction x value_per_customer"
};

/* A benefit's parameters in formula order (crm__benefit_base). */
static size_t benefit_params(const struct crm_benefit_line *b, double p[3])
{
    switch (b->kind) {
    case CRM_BENEFIT_REVENUE:
        p[0] = b->baseline_revenue, p[1] = b->uplift, p[2] = b->margin;
        return 3;
    case CRM_BENEFIT_COST_SAVING:
        p[0] = b->amount;
        return 1;
    case CRM_BENEFIT_PRODUCTIVITY:
        p[0] = b->hours_per_user_year, p[1] = b->loaded_rate;
        return 2;
    case CRM_BENEFIT_CHURN:
        p[0] = b->customers, p[1] = b->churn_reduction, p[2] = b->value_per_customer;
        return 3;
    }
    return 0;
}

/* The text of @p t in the report's language. */
static const char *pick(const struct wb *w, const struct crm_text *t)
{
    return w->zh && t->zh != NULL ? t->zh : t->en != NULL ? t->en : t->zh;
}

/* The Assumptions sheet: the named inputs, users and discount factors by
 * year, and the benefits before the vendor factor (their rows kept in
 * w->a_benefit for the vendor sheets). Long (about 175 lines) because it
 * is one sheet written row by row, each row a named input the other
 * sheets' formulas use. */
static void assumptions(struct wb *w, lxw_worksheet *ws)
{
    const struct crm_evaluation *ev = w->ev;
    const struct crm_finance_settings *fin = &ev->finance;
    static const char *const fkeys[CRM_TIMED] = { "f_arrears", "f_mid", "f_advance" };
    int row = 0, k;
    size_t t, i;
    char rules[768];

    put_str(w, ws, row++, 0, ev->title, w->title);
    put_str(w, ws, row++, 0, L(w, "inputs_note"), w->note);
    snprintf(rules, sizeof(rules), "%s: %s. %s", ev->currency, conventions(w),
             L(w, "rounding"));
    put_str(w, ws, row++, 0, rules, w->note);
    row++;
#define INPUT(key, value, fmt)                                        \
    do {                                                              \
        put_str(w, ws, row, 0, L(w, key), w->text);                   \
        put_num(w, ws, row, 1, value, fmt);                           \
        define(w, key, row, 1);                                       \
        row++;                                                        \
    } while (0)
    INPUT("discount_rate", ev->discount_rate, w->in_rate);
    INPUT("horizon_years", ev->horizon_years, w->number);
    INPUT("seats", ev->org.seats, w->in_number);
    INPUT("seat_growth", ev->org.seat_growth, w->in_rate);
    INPUT("price_escalation", fin->price_escalation, w->in_rate);
    INPUT("risk_costs", fin->risk_costs, w->in_rate);
    INPUT("risk_benefits", fin->risk_benefits, w->in_rate);
#undef INPUT
    put_str(w, ws, row, 0, L(w, "timing"), w->text);
    put_str(w, ws, row, 1, fin->timing == CRM_TIMING_MID_YEAR ? "mid_year" : "end_of_year",
            w->in_text);
    define(w, "timing", row, 1);
    {
        lxw_data_validation dv;
        char *list[] = { (char *)"end_of_year", (char *)"mid_year", NULL };

        memset(&dv, 0, sizeof(dv));
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = list;
        check(w, worksheet_data_validation_cell(ws, (lxw_row_t)row, 1, &dv));
    }
    row++;
    put_str(w, ws, row, 0, L(w, "currency"), w->text);
    put_str(w, ws, row++, 1, ev->currency, w->text);
    for (i = 0; i < ev->rate_count; i++) {
        char label[96], name[16];

        snprintf(label, sizeof(label), "%s %s", L(w, "fx"), ev->rates[i].currency);
        snprintf(name, sizeof(name), "fx_%s", ev->rates[i].currency);
        put_str(w, ws, row, 0, label, w->text);
        put_num(w, ws, row, 1, ev->rates[i].rate, w->in_number);
        define(w, name, row, 1);
        row++;
    }
    row++;
    w->a_year = row;
    year_row(w, ws, row++, L(w, "year"));
    w->a_users = row;
    put_str(w, ws, row, 0, L(w, "users"), w->text);
    for (t = 0; t < w->years; t++) {
        /* rounded up, less the 1e-9 that keeps 40 x 1.1 from 45 */
        put_formula(w, ws, row, YC + (int)t, crm__users_in_year(ev, t), w->number,
                    "ROUNDUP(seats*(1+seat_growth)^MAX(0,%s-1)-1E-9,0)",
                    R(w->a_year, YC + (int)t, true, false));
    }
    row++;
    for (k = 0; k < CRM_TIMED; k++) {
        w->a_factor[k] = row;
        put_str(w, ws, row, 0, L(w, fkeys[k]), w->text);
        for (t = 0; t < w->years; t++) {
            char expr[160];
            const char *y = R(w->a_year, YC + (int)t, true, false);
            double x = t == 0 ? 1 : pow(1 + ev->discount_rate, -((double)t - 0.5 * k));

            /* 1/(1+r)^t, ^(t-0.5) and ^(t-1) from year 1; 1 in year 0 */
            if (k == 0) {
                snprintf(expr, sizeof(expr), "1/(1+discount_rate)^%s", y);
            } else if (k == 1) {
                snprintf(expr, sizeof(expr), "IF(%s=0,1,1/(1+discount_rate)^(%s-0.5))", y, y);
            } else {
                snprintf(expr, sizeof(expr), "1/(1+discount_rate)^MAX(0,%s-1)", y);
            }
            put_formula(w, ws, row, YC + (int)t, x, w->factor, "%s", expr);
        }
        row++;
    }
    w->a_flows = row;
    put_str(w, ws, row, 0, L(w, "f_flows"), w->text);
    for (t = 0; t < w->years; t++) {
        put_formula(w, ws, row, YC + (int)t,
                    crm_discount_factor(ev->discount_rate, t, (crm_timing)fin->timing),
                    w->factor, "IF(timing=\"mid_year\",%s,%s)",
                    R(w->a_factor[1], YC + (int)t, false, false),
                    R(w->a_factor[0], YC + (int)t, false, false));
    }
    row += 2;
    /* Benefits before the vendor's factor: a row of inputs and its yearly
     * amounts, then the ramp by year. */
    put_str(w, ws, row, 0, L(w, "benefits_before"), w->bold);
    row++;
    {
        static const char *const cols[] = { "benefit", "kind", "formula", "p1", "p2", "p3",
                                            "escalation", "first_year", "last_year", "risk",
                                            "rationale" };

        for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
            put_str(w, ws, row, (int)i, L(w, cols[i]), w->head);
        }
        year_row(w, ws, row, L(w, "benefit"));
        row++;
    }
    for (i = 0; i < fin->benefit_count; i++) {
        const struct crm_benefit_line *b = &fin->benefits[i];
        double p[3] = { 0, 0, 0 };
        size_t np = benefit_params(b, p), j;
        int last = b->last_year == CRM_YEAR_HORIZON ? (int)w->years - 1 : b->last_year;

        w->a_benefit[i] = row;
        w->a_benefit_risk[i] = row;
        put_str(w, ws, row, 0, b->id, w->text);
        put_str(w, ws, row, 1, benefit_kinds[b->kind], w->text);
        put_str(w, ws, row, 2, benefit_formulas[b->kind], w->note);
        for (j = 0; j < np; j++) {
            put_num(w, ws, row, 3 + (int)j, p[j], w->in_number);
        }
        put_num(w, ws, row, 6, b->escalation, w->in_rate);
        put_num(w, ws, row, 7, b->first_year, w->in_number);
        put_num(w, ws, row, 8, last, w->in_number);
        if (b->risk.present) {
            put_num(w, ws, row, 9, b->risk.share, w->in_rate);
        } else {
            put_formula(w, ws, row, 9, fin->risk_benefits, w->rate, "risk_benefits");
        }
        put_str(w, ws, row, 10, pick(w, &b->risk.rationale), w->text);
        for (t = 0; t < w->years; t++) {
            const char *y = R(w->a_year, YC + (int)t, true, false);
            const char *users = R(w->a_users, YC + (int)t, true, false);
            const char *ramp = R(row + 1, YC + (int)t, false, false);
            char base[200];
            size_t step = t >= (size_t)b->first_year ? t - (size_t)b->first_year : 0;
            double rv = b->ramp_count == 0 ? 1
                        : b->ramp[step < b->ramp_count ? step : b->ramp_count - 1];
            double cached = 0;

            switch (b->kind) {
            case CRM_BENEFIT_PRODUCTIVITY:
                snprintf(base, sizeof(base), "%s*%s*%s", R(row, 3, false, true), users,
                         R(row, 4, false, true));
                break;
            case CRM_BENEFIT_COST_SAVING:
                snprintf(base, sizeof(base), "%s", R(row, 3, false, true));
                break;
            default:
                snprintf(base, sizeof(base), "%s*%s*%s", R(row, 3, false, true),
                         R(row, 4, false, true), R(row, 5, false, true));
                break;
            }
            if ((int)t >= b->first_year && (int)t <= last) {
                cached = crm__benefit_base(b, crm__users_in_year(ev, t)) * rv *
                         (b->escalation == 0 ? 1 : pow(1 + b->escalation, (double)step));
            }
            put_formula(w, ws, row, YC + (int)t, cached, w->money,
                        "IF(AND(%s>=%s,%s<=%s),%s*%s*(1+%s)^(%s-%s),0)", y,
                        R(row, 7, false, true), y, R(row, 8, false, true), base, ramp,
                        R(row, 6, false, true), y, R(row, 7, false, true));
            put_num(w, ws, row + 1, YC + (int)t, rv, w->in_number);
        }
        put_str(w, ws, row + 1, 0, L(w, "ramp"), w->note);
        put_str(w, ws, row, YC + (int)w->years, b->note, w->note);
        row += 2;
    }
    check(w, worksheet_set_column(ws, 0, 0, 44, NULL));
    check(w, worksheet_set_column(ws, 1, YC - 1, 13, NULL));
    worksheet_freeze_panes(ws, 4, 1);
}

/* ---- a vendor's sheet ---- */

static const char *const basis_names[] = { "fixed", "per_seat", "per_added_seat", "percent" };

/* Columns of a cost line row. */
enum { C_ID, C_CAT, C_BASIS, C_BILLING, C_EXPENSE, C_CUR, C_FX, C_AMOUNT, C_PERCENT, C_OF,
       C_ESC, C_FIRST, C_LAST, C_RISK };

/* The exchange rate of a line as a formula: 1, or its named rate. */
static void line_fx(struct wb *w, lxw_worksheet *ws, int row, const struct crm_cost_line *l)
{
    if (l->basis == CRM_BASIS_PERCENT) {
        return;
    }
    if (l->currency == NULL || strcmp(l->currency, w->ev->currency) == 0 || l->rate == 1) {
        put_num(w, ws, row, C_FX, 1, w->number);
    } else {
        put_formula(w, ws, row, C_FX, l->rate, w->in_number, "fx_%s", l->currency);
    }
}

/* The yearly amount of line @p i of @p vd in year column @p col. */
static void line_year(struct wb *w, lxw_worksheet *ws, const struct crm_vendor *vd,
                      const struct crm_vendor_finance *f, int first_row, size_t i, size_t t,
                      int seats_row)
{
    const struct crm_cost_line *l = &vd->plan[i];
    int row = first_row + (int)i, col = YC + (int)t;
    char amount[FORMULA_MAX / 2], y[24];
    size_t len = 0, k, j;

    /* the year row, copied: building @p amount may use every pooled R() */
    ref(y, seats_row - 2, col, true, false);

    switch (l->basis) {
    case CRM_BASIS_FIXED:
        snprintf(amount, sizeof(amount), "%s*%s", R(row, C_AMOUNT, false, true),
                 R(row, C_FX, false, true));
        break;
    case CRM_BASIS_PER_SEAT:
        if (l->tier_count == 0) {
            snprintf(amount, sizeof(amount), "%s*%s*%s", R(row, C_AMOUNT, false, true),
                     R(row, C_FX, false, true), R(seats_row, col, true, false));
            break;
        }
        /* graduated tiers, written out: each band's seats at its price */
        len += (size_t)snprintf(amount, sizeof(amount), "%s*(", R(row, C_FX, false, true));
        for (k = 0; k < l->tier_count && len < sizeof(amount); k++) {
            double below = k == 0 ? 0 : l->tiers[k - 1].up_to;
            const char *s = R(seats_row, col, true, false);

            if (l->tiers[k].has_up_to) {
                len += (size_t)crm__snprintf(amount + len, sizeof(amount) - len,
                                        "%s(MIN(%s,%.17g)-MIN(%s,%.17g))*%.17g", k ? "+" : "", s,
                                        l->tiers[k].up_to, s, below, l->tiers[k].amount);
            } else {
                len += (size_t)crm__snprintf(amount + len, sizeof(amount) - len,
                                        "%sMAX(0,%s-%.17g)*%.17g", k ? "+" : "", s, below,
                                        l->tiers[k].amount);
            }
        }
        if (len < sizeof(amount)) {
            snprintf(amount + len, sizeof(amount) - len, ")");
        }
        break;
    case CRM_BASIS_PER_ADDED_SEAT:
        snprintf(amount, sizeof(amount), "%s*%s*%s", R(row, C_AMOUNT, false, true),
                 R(row, C_FX, false, true), R(seats_row + 1, col, true, false));
        break;
    case CRM_BASIS_PERCENT:
        /* the same lines the projection adds up (crm__cost_referenced) */
        len += (size_t)snprintf(amount, sizeof(amount), "%s/100*(0",
                                R(row, C_PERCENT, false, true));
        for (k = 0; k < vd->plan_count && len < sizeof(amount); k++) {
            for (j = 0; k != i && j < l->of_count; j++) {
                if (crm__cost_referenced(&vd->plan[k], l->of[j])) {
                    len += (size_t)snprintf(amount + len, sizeof(amount) - len, "+%s",
                                            R(first_row + (int)k, col, false, false));
                    break;
                }
            }
        }
        if (len < sizeof(amount)) {
            snprintf(amount + len, sizeof(amount) - len, ")");
        }
        break;
    }
    put_formula(w, ws, row, col, f->line_amounts[i * f->years + t], w->money,
                "IF(AND(%s>=%s,%s<=%s),%s*(1+%s)^(%s-%s),0)", y, R(row, C_FIRST, false, true), y,
                R(row, C_LAST, false, true), amount, R(row, C_ESC, false, true), y,
                R(row, C_FIRST, false, true));
}

/* Rows of one scenario's yearly table, from @p top. */
enum { P_ARREARS, P_MID, P_ADVANCE, P_TOTAL, P_CAPEX, P_OPEX, P_BENEFITS, P_NET, P_CUM,
       P_FACTOR, P_DISC_COSTS, P_DISC_BENEFITS, P_DISC_NET, P_CUM_DISC, P_TIME, P_CASH,
       P_COUNT };

/* What one scenario's table reads: the cost lines (rows first..first+n)
 * and benefit rows, and whether it is the risk-adjusted one. */
struct scenario {
    int year_row;                /* the year numbers 0..N */
    int lines, nlines, benefits, nbenefits;
    bool adjusted;
    const struct crm_projection *p;
};

/* A sum over the cost line rows in column @p col of those whose column
 * @p by equals @p value, risk-adjusted when the scenario is. */
static const char *line_sum(char *buf, size_t size, const struct scenario *sc, int col, int by,
                            const char *value)
{
    char a[24], b[24], c[24], d[24], e[24], g[24];
    int last = sc->lines + (sc->nlines > 0 ? sc->nlines - 1 : 0);

    ref(a, sc->lines, by, true, true);
    ref(b, last, by, true, true);
    ref(c, sc->lines, col, true, false);
    ref(d, last, col, true, false);
    if (sc->nlines == 0) {
        snprintf(buf, size, "0");
    } else if (!sc->adjusted) {
        snprintf(buf, size, "SUMIF(%s:%s,\"%s\",%s:%s)", a, b, value, c, d);
    } else {
        ref(e, sc->lines, C_RISK, true, true);
        ref(g, last, C_RISK, true, true);
        snprintf(buf, size, "SUMPRODUCT((%s:%s=\"%s\")*(1+%s:%s)*%s:%s)", a, b, value, e, g,
                 c, d);
    }
    return buf;
}

/* Cached values of the three "paid when" rows: the lines' amounts by their
 * billing (year 0 included, as the sheet sums them). */
static double paid(const struct wb *w, const struct crm_vendor *vd,
                   const struct crm_vendor_finance *f, bool adjusted, int index, size_t t)
{
    double sum = 0;
    size_t i;

    for (i = 0; i < vd->plan_count; i++) {
        if (crm__billing_index(w->ev, vd->plan[i].billing) == index) {
            sum += (adjusted ? f->line_adjusted : f->line_amounts)[i * f->years + t];
        }
    }
    return sum;
}

/* The payback rows: helper (last negative year + 1) and payback. */
static void payback(struct wb *w, lxw_worksheet *ws, int row, int top, int year_row, int cum,
                    int flow, bool has, double value, double last_neg)
{
    char range[64], years[64], flows[64];
    int end = YC + (int)w->years - 1;

    snprintf(range, sizeof(range), "%s:%s", R(top + cum, YC, true, true),
             R(top + cum, end, true, true));
    snprintf(years, sizeof(years), "%s:%s", R(year_row, YC, true, true),
             R(year_row, end, true, true));
    snprintf(flows, sizeof(flows), "%s:%s", R(top + flow, YC, true, true),
             R(top + flow, end, true, true));
    put_formula(w, ws, row, 1, last_neg, w->number, "SUMPRODUCT(MAX((%s<0)*(%s+1)))", range,
                years);
    {
        char formula[FORMULA_MAX];
        char b[24];

        ref(b, row, 1, true, true);
        snprintf(formula, sizeof(formula),
                 "=IF(%s<0,\"%s\",IF(%s=0,0,%s-1+(-INDEX(%s,1,%s))/INDEX(%s,1,%s+1)))",
                 R(top + cum, end, true, true), L(w, "not_within"), b, b, range, b, flows, b);
        if (has) {
            check(w, worksheet_write_formula_num(ws, (lxw_row_t)row + 1, 1, formula,
                                                 w->years_fmt, value));
        } else {
            put_formula_str(w, ws, row + 1, 1, L(w, "not_within"), w->years_fmt, formula);
        }
    }
}

/* The last year whose cumulative in @p cum[] (stride @p stride) is
 * negative, + 1; 0 when none is. */
static double last_negative(const double *cum, size_t n, size_t stride)
{
    double last = 0;
    size_t t;

    for (t = 0; t < n; t++) {
        if (cum[t * stride] < 0) {
            last = (double)t + 1;
        }
    }
    return last;
}

/* One scenario of a vendor sheet from row @p top: the yearly table, the
 * cash schedule by payment date, and from row @p sum_top the summary
 * (positions kept in w->v[v] for the Summary sheet). Long (about 190
 * lines) because the formulas refer to each other's rows: the row
 * arithmetic stays in one place, in the order the sheet reads. */
static void scenario_block(struct wb *w, lxw_worksheet *ws, size_t v, const struct crm_vendor *vd,
                           const struct crm_vendor_finance *f, const struct scenario *sc,
                           int top, int sum_top)
{
    static const char *const labels[P_COUNT] = {
        "paid_arrears", "paid_mid", "paid_advance", "total_cost", "capex", "opex", "benefits",
        "net", "cumulative", "factor", "disc_costs", "disc_benefits", "disc_net", "cum_disc",
        "time", "cash"
    };
    static const char *const billing[CRM_TIMED] = { "arrears", "mid_year", "advance" };
    const struct crm_projection *p = sc->p;
    const struct crm_finance_summary *s = &p->summary;
    int k, end = YC + (int)w->years - 1, cash_end = YC + 2 * ((int)w->years - 1);
    size_t t;
    char buf[FORMULA_MAX], range[64], cash[64], times[64];
    for (k = 0; k < P_COUNT; k++) {
        put_str(w, ws, top + k, 0, L(w, labels[k]), k == P_NET || k == P_CUM_DISC ? w->bold
                                                                                 : w->text);
    }
    for (t = 0; t < w->years; t++) {
        int col = YC + (int)t;
        const struct crm_year_row *r = &p->rows[t];
        const char *c = NULL;

        for (k = 0; k < CRM_TIMED; k++) {
            put_formula(w, ws, top + P_ARREARS + k, col, paid(w, vd, f, sc->adjusted, k, t),
                        w->money, "%s", line_sum(buf, sizeof(buf), sc, col, C_BILLING, billing[k]));
        }
        put_formula(w, ws, top + P_TOTAL, col, r->total_cost, w->money, "SUM(%s:%s)",
                    R(top + P_ARREARS, col, false, false), R(top + P_ADVANCE, col, false, false));
        put_formula(w, ws, top + P_CAPEX, col, r->capex, w->money, "%s",
                    line_sum(buf, sizeof(buf), sc, col, C_EXPENSE, "capex"));
        put_formula(w, ws, top + P_OPEX, col, r->opex, w->money, "%s",
                    line_sum(buf, sizeof(buf), sc, col, C_EXPENSE, "opex"));
        if (sc->nbenefits == 0) {
            put_formula(w, ws, top + P_BENEFITS, col, 0, w->money, "0");
        } else if (!sc->adjusted) {
            put_formula(w, ws, top + P_BENEFITS, col, r->benefits, w->money, "SUM(%s:%s)",
                        R(sc->benefits, col, false, false),
                        R(sc->benefits + sc->nbenefits - 1, col, false, false));
        } else {
            put_formula(w, ws, top + P_BENEFITS, col, r->benefits, w->money,
                        "SUMPRODUCT(%s:%s,1-%s:%s)", R(sc->benefits, col, false, false),
                        R(sc->benefits + sc->nbenefits - 1, col, false, false),
                        R(sc->benefits, C_RISK, true, true),
                        R(sc->benefits + sc->nbenefits - 1, C_RISK, true, true));
        }
        put_formula(w, ws, top + P_NET, col, r->net, w->money, "%s-%s",
                    R(top + P_BENEFITS, col, false, false), R(top + P_TOTAL, col, false, false));
        if (t == 0) {
            put_formula(w, ws, top + P_CUM, col, r->cumulative, w->money, "%s",
                        R(top + P_NET, col, false, false));
        } else {
            put_formula(w, ws, top + P_CUM, col, r->cumulative, w->money, "%s+%s",
                        R(top + P_CUM, col - 1, false, false), R(top + P_NET, col, false, false));
        }
        c = R(w->a_flows, col, true, false);
        put_formula(w, ws, top + P_FACTOR, col, r->factor, w->factor, "%s!%s", w->assume, c);
        put_formula(w, ws, top + P_DISC_COSTS, col, r->pv_costs, w->money,
                    "%s*%s!%s+%s*%s!%s+%s*%s!%s", R(top + P_ARREARS, col, false, false),
                    w->assume, R(w->a_factor[0], col, true, false),
                    R(top + P_MID, col, false, false), w->assume,
                    R(w->a_factor[1], col, true, false), R(top + P_ADVANCE, col, false, false),
                    w->assume, R(w->a_factor[2], col, true, false));
        put_formula(w, ws, top + P_DISC_BENEFITS, col, r->pv_benefits, w->money, "%s*%s",
                    R(top + P_BENEFITS, col, false, false), R(top + P_FACTOR, col, false, false));
        put_formula(w, ws, top + P_DISC_NET, col, r->discounted_net, w->money, "%s-%s",
                    R(top + P_DISC_BENEFITS, col, false, false),
                    R(top + P_DISC_COSTS, col, false, false));
        if (t == 0) {
            put_formula(w, ws, top + P_CUM_DISC, col, r->cumulative_discounted, w->money, "%s",
                        R(top + P_DISC_NET, col, false, false));
        } else {
            put_formula(w, ws, top + P_CUM_DISC, col, r->cumulative_discounted, w->money,
                        "%s+%s", R(top + P_CUM_DISC, col - 1, false, false),
                        R(top + P_DISC_NET, col, false, false));
        }
    }
    /* The cash schedule by payment date, on the half-year grid: point k at
     * time k/2; year j's end (and year j+1's start) at 2j, its middle at
     * 2j-1. Year 0's flows, and year 1's advance payments, at time 0. */
    for (k = 0; k <= 2 * ((int)w->years - 1); k++) {
        int col = YC + k, j = (k + 1) / 2;
        char next[80] = "";

        put_num(w, ws, top + P_TIME, col, 0.5 * k, w->years_fmt);
        if (k % 2 == 0 && j + 1 < (int)w->years) {
            snprintf(next, sizeof(next), "-%s", R(top + P_ADVANCE, YC + j + 1, false, false));
        }
        if (k == 0) {
            put_formula(w, ws, top + P_CASH, col, p->cash[0], w->money, "%s%s",
                        R(top + P_NET, YC, false, false), next);
        } else if (k % 2 == 0) {
            put_formula(w, ws, top + P_CASH, col, p->cash[k], w->money,
                        "IF(timing=\"mid_year\",0,%s)-%s%s", R(top + P_BENEFITS, YC + j, false, false),
                        R(top + P_ARREARS, YC + j, false, false), next);
        } else {
            put_formula(w, ws, top + P_CASH, col, p->cash[k], w->money,
                        "IF(timing=\"mid_year\",%s,0)-%s", R(top + P_BENEFITS, YC + j, false, false),
                        R(top + P_MID, YC + j, false, false));
        }
    }
    snprintf(cash, sizeof(cash), "%s:%s", R(top + P_CASH, YC, true, true),
             R(top + P_CASH, cash_end, true, true));
    snprintf(times, sizeof(times), "%s:%s", R(top + P_TIME, YC, true, true),
             R(top + P_TIME, cash_end, true, true));
    w->v[v].cash[sc->adjusted] = top + P_CASH;
    w->v[v].time_row = top + P_TIME;

    /* the summary, in columns A and B */
    {
        static const char *const keys[S_COUNT] = {
            "tco", "pv_costs", "pv_benefits", "npv", "npv_check", "seat_years", "per_seat",
            "roi", "bcr", "irr", "irr_crmeval", "mirr", "last_negative", "payback",
            "disc_last_negative", "disc_payback", "capex", "opex"
        };
        int r = sum_top;
        double capex = 0, opex = 0;
        char b[24], seats[64];

        for (t = 0; t < w->years; t++) {
            capex += p->rows[t].capex;
            opex += p->rows[t].opex;
        }
        w->v[v].sum[sc->adjusted] = r;
        for (k = 0; k < S_COUNT; k++) {
            put_str(w, ws, r + k, 0, L(w, keys[k]), k == S_NPV ? w->bold : w->text);
        }
#define ROWSUM(what) R(top + (what), YC, false, false), R(top + (what), end, false, false)
        put_formula(w, ws, r + S_TCO, 1, s->tco, w->money, "SUM(%s:%s)", ROWSUM(P_TOTAL));
        put_formula(w, ws, r + S_PV_COSTS, 1, s->tco_pv, w->money, "SUM(%s:%s)",
                    ROWSUM(P_DISC_COSTS));
        put_formula(w, ws, r + S_PV_BENEFITS, 1, s->pv_benefits, w->money, "SUM(%s:%s)",
                    ROWSUM(P_DISC_BENEFITS));
        put_formula(w, ws, r + S_NPV, 1, s->npv, w->money, "%s-%s",
                    R(r + S_PV_BENEFITS, 1, false, false), R(r + S_PV_COSTS, 1, false, false));
        put_formula(w, ws, r + S_NPV_CHECK, 1, s->npv, w->money,
                    "SUMPRODUCT(%s,(1+discount_rate)^(-%s))", cash, times);
        snprintf(seats, sizeof(seats), "%s:%s", R(w->v[v].seats_row, YC + 1, false, false),
                 R(w->v[v].seats_row, end, false, false));
        put_formula(w, ws, r + S_SEAT_YEARS, 1, s->seat_years, w->number, "SUM(%s)", seats);
        put_formula(w, ws, r + S_PER_SEAT, 1, s->tco_per_seat_year, w->money,
                    "IF(%s>0,%s/%s,0)", R(r + S_SEAT_YEARS, 1, false, false),
                    R(r + S_TCO, 1, false, false), R(r + S_SEAT_YEARS, 1, false, false));
        ref(b, r + S_PV_COSTS, 1, false, false);
        snprintf(buf, sizeof(buf), "=IF(%s>0,%s/%s,\"%s\")", b,
                 R(r + S_NPV, 1, false, false), b, L(w, "none"));
        if (s->has_ratio) {
            check(w, worksheet_write_formula_num(ws, (lxw_row_t)(r + S_ROI), 1, buf, w->rate,
                                                 s->roi));
        } else {
            put_formula_str(w, ws, r + S_ROI, 1, L(w, "none"), w->rate, buf);
        }
        snprintf(buf, sizeof(buf), "=IF(%s>0,%s/%s,\"%s\")", b,
                 R(r + S_PV_BENEFITS, 1, false, false), b, L(w, "none"));
        if (s->has_ratio) {
            check(w, worksheet_write_formula_num(ws, (lxw_row_t)(r + S_BCR), 1, buf,
                                                 w->factor, s->bcr));
        } else {
            put_formula_str(w, ws, r + S_BCR, 1, L(w, "none"), w->factor, buf);
        }
        /* IRR on the half-year schedule, made yearly */
        snprintf(buf, sizeof(buf), "=IFERROR((1+IRR(%s))^2-1,\"%s\")", cash, L(w, "none"));
        if (s->irr.status == CRM_IRR_OK) {
            check(w, worksheet_write_formula_num(ws, (lxw_row_t)(r + S_IRR), 1, buf, w->rate,
                                                 s->irr.roots[0]));
        } else {
            put_formula_str(w, ws, r + S_IRR, 1, L(w, "none"), w->rate, buf);
        }
        put_str(w, ws, r + S_IRR_NOTE, 1,
                s->irr.status == CRM_IRR_OK ? "ok" : crm_irr_status_text(s->irr.status), w->note);
        snprintf(range, sizeof(range), "%s:%s", R(top + P_NET, YC, true, true),
                 R(top + P_NET, end, true, true));
        snprintf(buf, sizeof(buf), "=IFERROR(MIRR(%s,discount_rate,discount_rate),\"%s\")",
                 range, L(w, "none"));
        if (s->has_mirr) {
            check(w, worksheet_write_formula_num(ws, (lxw_row_t)(r + S_MIRR), 1, buf, w->rate,
                                                 s->mirr));
        } else {
            put_formula_str(w, ws, r + S_MIRR, 1, L(w, "none"), w->rate, buf);
        }
        payback(w, ws, r + S_LAST_NEG, top, sc->year_row, P_CUM, P_NET, s->has_payback, s->payback,
                last_negative(&p->rows[0].cumulative, w->years,
                              sizeof(struct crm_year_row) / sizeof(double)));
        payback(w, ws, r + S_DISC_LAST_NEG, top, sc->year_row, P_CUM_DISC, P_DISC_NET,
                s->has_discounted_payback, s->discounted_payback,
                last_negative(&p->rows[0].cumulative_discounted, w->years,
                              sizeof(struct crm_year_row) / sizeof(double)));
        put_formula(w, ws, r + S_CAPEX, 1, capex, w->money, "SUM(%s:%s)", ROWSUM(P_CAPEX));
        put_formula(w, ws, r + S_OPEX, 1, opex, w->money, "SUM(%s:%s)", ROWSUM(P_OPEX));
#undef ROWSUM
    }
}

/* Vendor @p v's sheet: its inputs, seats, cost lines, benefits, then the
 * unadjusted and risk-adjusted scenarios. Long (about 180 lines) for the
 * same reason as scenario_block: one sheet's rows, top to bottom, whose
 * formulas name the rows above them. */
static void vendor_sheet(struct wb *w, lxw_worksheet *ws, size_t v)
{
    const struct crm_evaluation *ev = w->ev;
    const struct crm_vendor *vd = w->res->vendors[v].vendor;
    const struct crm_vendor_finance *f = &w->res->finance[v];
    const struct crm_finance_settings *fin = &ev->finance;
    static const char *const cols[] = { "line", "category", "basis", "billing", "expense",
                                        "currency", "rate", "amount", "percent", "of",
                                        "escalation", "first_year", "last_year", "risk" };
    char *billing_list[] = { (char *)"arrears", (char *)"mid_year", (char *)"advance", NULL };
    char *expense_list[] = { (char *)"capex", (char *)"opex", NULL };
    lxw_data_validation dv;
    char title[1024];
    int row = 0, lines = 0, benefits = 0, year_r = 0, seats_r = 0, top = 0;
    size_t i, t;
    struct scenario sc;
    double factor = f->benefit_factor;
    const struct crm_text *why = NULL;

    snprintf(title, sizeof(title), "%s (%s)", vd->name, vd->id);
    put_str(w, ws, row++, 0, title, w->title);
    snprintf(title, sizeof(title), "%s: %s", ev->currency, conventions(w));
    put_str(w, ws, row++, 0, title, w->note);
    if (!vd->price_known) {
        put_str(w, ws, row, 0, L(w, "price_unknown"), w->note);
    }
    row++;
    put_str(w, ws, row, 0, L(w, "minimum_seats"), w->text);
    put_num(w, ws, row, 1, vd->has_pricing ? vd->pricing.minimum_seats : 0, w->in_number);
    int min_row = row++;
    put_str(w, ws, row, 0, L(w, "benefit_factor"), w->text);
    put_num(w, ws, row, 1, factor, w->in_number);
    for (i = 0; i < fin->factor_count; i++) {
        if (strcmp(fin->factors[i].vendor, vd->id) == 0) {
            why = &fin->factors[i].rationale;
        }
    }
    if (why != NULL) {
        put_str(w, ws, row, 2, pick(w, why), w->note);
    }
    int factor_row = row++;
    row++;
    /* the year, users, billed seats and seats added */
    year_r = row;
    year_row(w, ws, row++, L(w, "year"));
    put_str(w, ws, row, 0, L(w, "users"), w->text);
    for (t = 0; t < w->years; t++) {
        put_formula(w, ws, row, YC + (int)t, f->base.rows[t].users, w->number, "%s!%s",
                    w->assume, R(w->a_users, YC + (int)t, true, false));
    }
    row++;
    seats_r = row;
    w->v[v].seats_row = row;
    put_str(w, ws, row, 0, L(w, "billed_seats"), w->text);
    put_str(w, ws, row + 1, 0, L(w, "added_seats"), w->text);
    for (t = 0; t < w->years; t++) {
        int col = YC + (int)t;
        double peak = 0;
        size_t u;

        put_formula(w, ws, row, col, f->base.rows[t].seats, w->number, "MAX(%s,%s)",
                    R(row - 1, col, false, false), R(min_row, 1, true, true));
        for (u = 0; u < t; u++) {
            peak = fmax(peak, f->base.rows[u].seats);
        }
        if (t == 0) {
            put_formula(w, ws, row + 1, col, f->base.rows[0].seats, w->number, "%s",
                        R(row, col, false, false));
        } else {
            put_formula(w, ws, row + 1, col, fmax(0, f->base.rows[t].seats - peak), w->number,
                        "MAX(0,%s-MAX(%s:%s))", R(row, col, false, false),
                        R(row, YC, false, true), R(row, col - 1, false, false));
        }
    }
    row += 3;
    /* the cost lines */
    for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        put_str(w, ws, row, (int)i, L(w, cols[i]), w->head);
    }
    put_str(w, ws, row, YC + (int)w->years, L(w, "note"), w->head);
    put_str(w, ws, row, YC + (int)w->years + 1, L(w, "rationale"), w->head);
    row++;
    lines = row;
    for (i = 0; i < vd->plan_count; i++, row++) {
        const struct crm_cost_line *l = &vd->plan[i];
        int last = l->last_year == CRM_YEAR_HORIZON ? (int)w->years - 1 : l->last_year;
        size_t j, len = 0;
        char of[512] = "";

        put_str(w, ws, row, C_ID, l->id, w->text);
        put_str(w, ws, row, C_CAT, crm__cost_category_names[l->category], w->text);
        put_str(w, ws, row, C_BASIS, basis_names[l->basis], w->text);
        if (l->billing == CRM_BILLING_DEFAULT) {
            /* follows the evaluation's timing, as in crmeval */
            put_formula_str(w, ws, row, C_BILLING, crm__billing_resolved(ev, l->billing),
                            w->in_text, "=IF(timing=\"mid_year\",\"mid_year\",\"arrears\")");
        } else {
            put_str(w, ws, row, C_BILLING, crm__billing_resolved(ev, l->billing), w->in_text);
        }
        put_str(w, ws, row, C_EXPENSE, crm__cost_is_capex(ev, l) ? "capex" : "opex", w->in_text);
        if (l->basis != CRM_BASIS_PERCENT) {
            put_str(w, ws, row, C_CUR, l->currency, w->text);
            line_fx(w, ws, row, l);
            if (l->tier_count == 0) {
                put_num(w, ws, row, C_AMOUNT, l->amount, w->in_money);
            }
        } else {
            put_num(w, ws, row, C_PERCENT, l->percent, w->in_number);
            for (j = 0; j < l->of_count && len < sizeof(of); j++) {
                len += (size_t)snprintf(of + len, sizeof(of) - len, "%s%s", j ? " " : "",
                                        l->of[j]);
            }
            put_str(w, ws, row, C_OF, of, w->text);
        }
        if (strcmp(l->origin, "pricing") == 0 && l->basis == CRM_BASIS_PER_SEAT) {
            /* the list price's escalation is the evaluation's */
            put_formula(w, ws, row, C_ESC, l->escalation, w->rate, "price_escalation");
        } else {
            put_num(w, ws, row, C_ESC, l->escalation, w->in_rate);
        }
        put_num(w, ws, row, C_FIRST, l->first_year, w->in_number);
        put_num(w, ws, row, C_LAST, last, w->in_number);
        if (l->risk.present) {
            put_num(w, ws, row, C_RISK, l->risk.share, w->in_rate);
        } else {
            put_formula(w, ws, row, C_RISK, fin->risk_costs, w->rate, "risk_costs");
        }
        for (t = 0; t < w->years; t++) {
            line_year(w, ws, vd, f, lines, i, t, seats_r);
        }
        put_str(w, ws, row, YC + (int)w->years,
                l->tier_count > 0 ? "per-seat tiers written into the formula" : l->note, w->note);
        put_str(w, ws, row, YC + (int)w->years + 1, pick(w, &l->risk.rationale), w->note);
    }
    if (vd->plan_count > 0) {
        memset(&dv, 0, sizeof(dv));
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = billing_list;
        check(w, worksheet_data_validation_range(ws, (lxw_row_t)lines, C_BILLING,
                                                 (lxw_row_t)(row - 1), C_BILLING, &dv));
        dv.value_list = expense_list;
        check(w, worksheet_data_validation_range(ws, (lxw_row_t)lines, C_EXPENSE,
                                                 (lxw_row_t)(row - 1), C_EXPENSE, &dv));
    }
    row++;
    /* the benefits: the Assumptions' amounts times this vendor's factor */
    put_str(w, ws, row, 0, L(w, "benefit"), w->head);
    put_str(w, ws, row, C_RISK, L(w, "risk"), w->head);
    row++;
    benefits = row;
    for (i = 0; i < fin->benefit_count; i++, row++) {
        put_str(w, ws, row, 0, fin->benefits[i].id, w->text);
        put_formula(w, ws, row, C_RISK, crm__benefit_risk(ev, &fin->benefits[i]), w->rate,
                    "%s!%s", w->assume, R(w->a_benefit_risk[i], 9, true, true));
        for (t = 0; t < w->years; t++) {
            put_formula(w, ws, row, YC + (int)t, f->benefit_amounts[i * f->years + t], w->money,
                        "%s!%s*%s", w->assume, R(w->a_benefit[i], YC + (int)t, true, false),
                        R(factor_row, 1, true, true));
        }
    }
    row++;
    sc.year_row = year_r;
    sc.lines = lines;
    sc.nlines = (int)vd->plan_count;
    sc.benefits = benefits;
    sc.nbenefits = (int)fin->benefit_count;
    for (i = 0; i < 2; i++) {
        sc.adjusted = i == 1;
        sc.p = i == 0 ? &f->base : &f->adjusted;
        put_str(w, ws, row++, 0, L(w, i == 0 ? "unadjusted" : "risk_adjusted"), w->bold);
        top = row;
        row += P_COUNT + 1;
        scenario_block(w, ws, v, vd, f, &sc, top, row);
        row += S_COUNT + 1;
    }
    check(w, worksheet_set_column(ws, 0, 0, 36, NULL));
    check(w, worksheet_set_column(ws, 1, YC - 1, 12, NULL));
    check(w, worksheet_set_column(ws, YC + (lxw_col_t)w->years, YC + (lxw_col_t)w->years + 1,
                                  40, NULL));
    worksheet_freeze_panes(ws, (lxw_row_t)(seats_r - 1), 1);
}

/* ---- Scores ---- */

/* A derived finance criterion scored by a value function follows the
 * vendor sheet: ROUND(figure, 2) through the points, flat beyond them. */
static bool live_normalised(struct wb *w, char *buf, size_t size, size_t v, size_t c)
{
    const struct crm_criterion *cr = &w->ev->set->criteria[c];
    const struct crm_vendor *vd = w->res->vendors[v].vendor;
    int s = 0;
    size_t i, len = 0, close = 0;
    char x[96];

    if ((cr->derived != CRM_DERIVED_TCO_PER_SEAT && cr->derived != CRM_DERIVED_PV_COSTS) ||
        cr->point_count < 2 || !vd->price_known || w->res->finance == NULL) {
        return false;
    }
    s = cr->derived == CRM_DERIVED_TCO_PER_SEAT ? S_PER_SEAT : S_PV_COSTS;
    snprintf(x, sizeof(x), "ROUND(%s!%s,2)", w->v[v].sheet, R(w->v[v].sum[0] + s, 1, true, true));
    len += (size_t)crm__snprintf(buf, size, "MAX(0,MIN(1,IF(%s<=%.17g,%.17g,", x, cr->points[0].x,
                            cr->points[0].value);
    for (i = 1; i < cr->point_count && len < size; i++) {
        const struct crm_point *a = &cr->points[i - 1], *b = &cr->points[i];

        len += (size_t)crm__snprintf(buf + len, size - len,
                                "IF(%s<=%.17g,%.17g+(%s-%.17g)/(%.17g-%.17g)*(%.17g-%.17g),", x,
                                b->x, a->value, x, a->x, b->x, a->x, b->value, a->value);
        close++;
    }
    if (len < size) {
        len += (size_t)crm__snprintf(buf + len, size - len, "%.17g", cr->points[cr->point_count - 1].value);
    }
    for (i = 0; i <= close && len < size; i++) {
        len += (size_t)snprintf(buf + len, size - len, ")");
    }
    if (len < size) {
        snprintf(buf + len, size - len, "))");
    }
    return len < size;
}

/* The Scores sheet: group and criterion weights as inputs, the effective
 * weights, the normalised matrix, score (SUMPRODUCT) and rank (RANK). */
static void scores_sheet(struct wb *w, lxw_worksheet *ws)
{
    const struct crm_evaluation *ev = w->ev;
    const struct crm_criteria_set *set = ev->set;
    const struct crm_weights *wt = &w->res->weights;
    size_t g, c, i, ng = set->group_count, nc = set->criterion_count;
    int row = 0, grp = 0, crit = 0, first = 0, last = 0, vend = 0;
    const int CC = 5; /* first criterion column */
    char buf[FORMULA_MAX], eff[64], shares[64], ids[64];
    bool ignore = ev->missing == CRM_MISSING_IGNORE;

    put_str(w, ws, row++, 0, ev->title, w->title);
    put_str(w, ws, row++, 0, L(w, "inputs_note"), w->note);
    put_str(w, ws, row++, 0, L(w, "scores_note"), w->note);
    row++;
    put_str(w, ws, row, 0, L(w, "group"), w->head);
    put_str(w, ws, row, 1, L(w, "weight"), w->head);
    put_str(w, ws, row, 2, L(w, "share"), w->head);
    row++;
    grp = row;
    for (g = 0; g < ng; g++, row++) {
        char name[96];

        put_str(w, ws, row, 0, set->groups[g].id, w->text);
        put_num(w, ws, row, 1, wt->group_raw[g], w->in_number);
        snprintf(name, sizeof(name), "weight_%s", set->groups[g].id);
        define_on(w, w->scores, name, row, 1);
        put_formula(w, ws, row, 2, wt->group_share[g], w->rate, "%s/SUM(%s:%s)",
                    R(row, 1, false, false), R(grp, 1, true, true),
                    R(grp + (int)ng - 1, 1, true, true));
    }
    snprintf(ids, sizeof(ids), "%s:%s", R(grp, 0, true, true), R(grp + (int)ng - 1, 0, true, true));
    snprintf(shares, sizeof(shares), "%s:%s", R(grp, 2, true, true),
             R(grp + (int)ng - 1, 2, true, true));
    row++;
    crit = row;
    put_str(w, ws, crit, 0, L(w, "criterion"), w->head);
    put_str(w, ws, crit + 1, 0, L(w, "group"), w->text);
    put_str(w, ws, crit + 2, 0, L(w, "name"), w->text);
    put_str(w, ws, crit + 3, 0, L(w, "within"), w->text);
    put_str(w, ws, crit + 4, 0, L(w, "effective"), w->bold);
    first = CC;
    last = CC + (int)nc - 1;
    for (c = 0; c < nc; c++) {
        const struct crm_criterion *cr = &set->criteria[c];
        int col = CC + (int)c;

        put_str(w, ws, crit, col, cr->path, w->head);
        put_str(w, ws, crit + 1, col, set->groups[cr->group].id, w->text);
        put_str(w, ws, crit + 2, col, pick(w, &cr->name), w->note);
        put_num(w, ws, crit + 3, col, wt->criterion_raw[c], w->in_number);
        put_formula(w, ws, crit + 4, col, wt->effective[c], w->factor,
                    "IFERROR(INDEX(%s,MATCH(%s,%s,0))*%s/SUMIF(%s:%s,%s,%s:%s),0)", shares,
                    R(crit + 1, col, true, false), ids, R(crit + 3, col, true, false),
                    R(crit + 1, first, true, true), R(crit + 1, last, true, true),
                    R(crit + 1, col, true, false), R(crit + 3, first, true, true),
                    R(crit + 3, last, true, true));
    }
    snprintf(eff, sizeof(eff), "%s:%s", R(crit + 4, first, true, true),
             R(crit + 4, last, true, true));
    row = crit + 6;
    put_str(w, ws, row, 0, L(w, "vendor"), w->head);
    put_str(w, ws, row, 1, L(w, "tier"), w->head);
    put_str(w, ws, row, 2, L(w, "score"), w->head);
    put_str(w, ws, row, 3, L(w, "rank_key"), w->head);
    put_str(w, ws, row, 4, L(w, "rank"), w->head);
    row++;
    vend = row;
    for (i = 0; i < w->res->vendor_count; i++, row++) {
        size_t v = w->res->order[i];
        const struct crm_vendor_score *vs = &w->res->vendors[v];
        char vals[64];

        w->score_row[v] = row;
        put_str(w, ws, row, 0, vs->vendor->id, w->text);
        put_num(w, ws, row, 1, (double)vs->tier, w->number);
        for (c = 0; c < nc; c++) {
            const struct crm_criterion_score *cs = &vs->criteria[c];

            if (live_normalised(w, buf, sizeof(buf), v, c)) {
                put_formula(w, ws, row, CC + (int)c, cs->normalised, w->factor, "%s", buf);
            } else if (cs->counted) {
                put_num(w, ws, row, CC + (int)c, cs->normalised, w->factor);
            }
        }
        snprintf(vals, sizeof(vals), "%s:%s", R(row, first, false, true),
                 R(row, last, false, true));
        if (ignore) {
            /* weights of the values present, rescaled to 1 */
            put_formula(w, ws, row, 2, vs->score, w->factor,
                        "IFERROR(100*SUMPRODUCT(%s,%s)/SUMPRODUCT(%s*ISNUMBER(%s)),0)", eff, vals,
                        eff, vals);
        } else {
            put_formula(w, ws, row, 2, vs->score, w->factor, "100*SUMPRODUCT(%s,%s)", eff, vals);
        }
        put_formula(w, ws, row, 3, crm__round(vs->score, 6) - 1000.0 * vs->tier, w->factor,
                    "ROUND(%s,6)-1000*%s", R(row, 2, false, false), R(row, 1, false, false));
    }
    for (i = 0; i < w->res->vendor_count; i++) {
        size_t v = w->res->order[i];
        int r = w->score_row[v];

        put_formula(w, ws, r, 4, w->res->vendors[v].rank, w->number, "RANK(%s,%s:%s,0)",
                    R(r, 3, false, false), R(vend, 3, true, true),
                    R(vend + (int)w->res->vendor_count - 1, 3, true, true));
    }
    check(w, worksheet_set_column(ws, 0, 0, 30, NULL));
    check(w, worksheet_set_column(ws, 1, 4, 12, NULL));
    check(w, worksheet_set_column(ws, (lxw_col_t)first, (lxw_col_t)last, 14, NULL));
    worksheet_freeze_panes(ws, (lxw_row_t)vend, CC);
}

/* ---- Summary ---- */

/* The Summary sheet: every vendor's figures side by side (references to
 * its sheet) and the discount-rate scenarios over its cash schedule. */
static void summary_sheet(struct wb *w, lxw_worksheet *ws)
{
    static const struct {
        const char *key;
        int scenario, row;
        bool rate;
    } cols[] = {
        { "tco", 0, S_TCO, false }, { "pv_costs", 0, S_PV_COSTS, false },
        { "pv_benefits", 0, S_PV_BENEFITS, false }, { "npv", 0, S_NPV, false },
        { "npv_risk", 1, S_NPV, false }, { "irr", 0, S_IRR, true }, { "mirr", 0, S_MIRR, true },
        { "roi", 0, S_ROI, true }, { "payback", 0, S_PAYBACK, false },
        { "disc_payback", 0, S_DISC_PAYBACK, false }, { "capex", 0, S_CAPEX, false },
        { "opex", 0, S_OPEX, false }, { "per_seat", 0, S_PER_SEAT, false },
    };
    const struct crm_analysis *an = w->res->analysis;
    size_t n = sizeof(cols) / sizeof(cols[0]), i, k, j;
    int row = 0, rates = 0;
    char title[1024];

    put_str(w, ws, row++, 0, w->ev->title, w->title);
    snprintf(title, sizeof(title), "%s: %s", w->ev->currency, conventions(w));
    put_str(w, ws, row++, 0, title, w->note);
    row++;
    put_str(w, ws, row, 0, L(w, "vendor"), w->head);
    put_str(w, ws, row, 1, L(w, "rank"), w->head);
    put_str(w, ws, row, 2, L(w, "score"), w->head);
    put_str(w, ws, row, 3, L(w, "price_known"), w->head);
    for (k = 0; k < n; k++) {
        put_str(w, ws, row, 4 + (int)k, L(w, cols[k].key), w->head);
    }
    row++;
    for (i = 0; i < w->res->vendor_count; i++, row++) {
        size_t v = w->res->order[i];
        const struct crm_vendor_score *vs = &w->res->vendors[v];
        const struct crm_vendor_finance *f = &w->res->finance[v];

        put_str(w, ws, row, 0, vs->vendor->id, w->text);
        put_formula(w, ws, row, 1, vs->rank, w->number, "%s!%s", w->scores,
                    R(w->score_row[v], 4, true, true));
        put_formula(w, ws, row, 2, vs->score, w->years_fmt, "%s!%s", w->scores,
                    R(w->score_row[v], 2, true, true));
        put_str(w, ws, row, 3, vs->vendor->price_known ? "true" : "false", w->text);
        for (k = 0; k < n; k++) {
            const struct crm_finance_summary *s =
                cols[k].scenario ? &f->adjusted.summary : &f->base.summary;
            double x = cols[k].row == S_TCO           ? s->tco
                       : cols[k].row == S_PV_COSTS    ? s->tco_pv
                       : cols[k].row == S_PV_BENEFITS ? s->pv_benefits
                       : cols[k].row == S_NPV         ? s->npv
                       : cols[k].row == S_IRR         ? s->irr.roots[0]
                       : cols[k].row == S_MIRR        ? s->mirr
                       : cols[k].row == S_ROI         ? s->roi
                       : cols[k].row == S_PAYBACK     ? s->payback
                       : cols[k].row == S_DISC_PAYBACK ? s->discounted_payback
                       : cols[k].row == S_PER_SEAT    ? s->tco_per_seat_year
                                                      : 0;
            char formula[96];

            if (cols[k].row == S_CAPEX || cols[k].row == S_OPEX) {
                for (j = 0; j < f->years; j++) {
                    x += cols[k].row == S_CAPEX ? f->base.rows[j].capex : f->base.rows[j].opex;
                }
            }
            snprintf(formula, sizeof(formula), "=%s!%s", w->v[v].sheet,
                     R(w->v[v].sum[cols[k].scenario] + cols[k].row, 1, true, true));
            /* a figure crmeval has none of caches the vendor sheet's text */
            if ((cols[k].row == S_IRR && s->irr.status != CRM_IRR_OK) ||
                (cols[k].row == S_MIRR && !s->has_mirr) ||
                (cols[k].row == S_ROI && !s->has_ratio)) {
                put_formula_str(w, ws, row, 4 + (int)k, L(w, "none"), w->rate, formula);
                continue;
            }
            if ((cols[k].row == S_PAYBACK && !s->has_payback) ||
                (cols[k].row == S_DISC_PAYBACK && !s->has_discounted_payback)) {
                put_formula_str(w, ws, row, 4 + (int)k, L(w, "not_within"), w->years_fmt,
                                formula);
                continue;
            }
            check(w, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)(4 + k), formula,
                                                 cols[k].rate ? w->rate
                                                 : cols[k].row == S_PAYBACK ||
                                                         cols[k].row == S_DISC_PAYBACK
                                                     ? w->years_fmt
                                                     : w->money,
                                                 x));
        }
    }
    /* the discount-rate scenarios: each vendor's cash schedule discounted
     * at the rate in the column's head */
    for (j = 0; j < 2 && an->scenario_count > 0; j++) {
        row++;
        put_str(w, ws, row++, 0, L(w, j == 0 ? "scenarios" : "scenarios_risk"), w->bold);
        put_str(w, ws, row, 0, L(w, "vendor"), w->head);
        for (k = 0; k < an->scenario_count; k++) {
            if (j == 0) {
                put_num(w, ws, row, 1 + (int)k, an->scenario_rates[k], w->in_rate);
            } else {
                put_formula(w, ws, row, 1 + (int)k, an->scenario_rates[k], w->rate, "%s",
                            R(rates, 1 + (int)k, false, false));
            }
        }
        if (j == 0) {
            rates = row;
        }
        int head = row++;
        for (i = 0; i < w->res->vendor_count; i++, row++) {
            size_t v = w->res->order[i];
            int end = YC + 2 * ((int)w->years - 1);

            put_str(w, ws, row, 0, w->res->vendors[v].vendor->id, w->text);
            for (k = 0; k < an->scenario_count; k++) {
                const struct crm_rate_scenario *sc = &an->scenarios[v * an->scenario_count + k];

                put_formula(w, ws, row, 1 + (int)k, j == 0 ? sc->npv : sc->npv_adjusted,
                            w->money, "SUMPRODUCT(%s!%s:%s,(1+%s)^(-%s!%s:%s))", w->v[v].sheet,
                            R(w->v[v].cash[j], YC, true, true), R(w->v[v].cash[j], end, true, true),
                            R(head, 1 + (int)k, true, false), w->v[v].sheet,
                            R(w->v[v].time_row, YC, true, true),
                            R(w->v[v].time_row, end, true, true));
            }
        }
    }
    check(w, worksheet_set_column(ws, 0, 0, 26, NULL));
    check(w, worksheet_set_column(ws, 1, (lxw_col_t)(4 + n), 15, NULL));
    worksheet_freeze_panes(ws, 4, 1);
}

/* ---- the file ---- */

/* A vendor's sheet name: its id, cut to Excel's 31 characters, never the
 * name of another sheet (compared as Excel does, ignoring case). */
static void vendor_sheet_name(const struct wb *w, size_t v, char *out, size_t size)
{
    const char *id = w->res->vendors[v].vendor->id;
    size_t k, tries = 0;
    bool clash = true;

    snprintf(out, size, "%.31s", id);
    while (clash) {
        clash = strcasecmp(out, L(w, "summary")) == 0 ||
                strcasecmp(out, L(w, "assumptions")) == 0 || strcasecmp(out, L(w, "scores")) == 0;
        /* every sheet named so far, in rank order, not vendor order: an
         * unnamed one is "" */
        for (k = 0; k < w->res->vendor_count && !clash; k++) {
            /* w->v[k].sheet is quoted: 'name' */
            size_t len = strlen(w->v[k].sheet);

            clash = len >= 2 && strlen(out) == len - 2 &&
                    strncasecmp(out, w->v[k].sheet + 1, len - 2) == 0;
        }
        if (clash) {
            snprintf(out, size, "%.26s~%zu", id, ++tries);
        }
    }
}

/* Seconds since 1970 of the evaluation's date (YYYY-MM-DD), midnight UTC:
 * the workbook's created date. */
time_t crm__xlsx_evaluation_time(const struct crm_evaluation *ev)
{
    const char *d = ev->date;

    if (d == NULL || strlen(d) < 10) {
        return (time_t)86400; /* 1970-01-02: fixed, never the clock */
    }
    return (time_t)crm_days_from_civil((int)strtol(d, NULL, 10), (d[5] - '0') * 10 + (d[6] - '0'),
                                       (d[8] - '0') * 10 + (d[9] - '0')) *
           86400;
}

/* Every sheet: made first (formulas name sheets not yet filled), then
 * filled in dependency order. */
static void build(struct wb *w)
{
    lxw_worksheet *sum = NULL, *assume = NULL, *scores = NULL;
    lxw_worksheet **vs = NULL;
    size_t v, n = w->res->vendor_count;
    char name[40];

    formats(w);
    /* Summary first, so the workbook opens on the comparison */
    sum = sheet(w, L(w, "summary"), NULL, 0);
    assume = sheet(w, L(w, "assumptions"), w->assume, sizeof(w->assume));
    scores = sheet(w, L(w, "scores"), w->scores, sizeof(w->scores));
    vs = calloc(n + 1, sizeof(*vs));
    if (vs == NULL) {
        w->failed = true;
        w->error = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    for (v = 0; v < n && !w->failed; v++) {
        size_t i = w->res->order[v];

        vendor_sheet_name(w, i, name, sizeof(name));
        vs[i] = sheet(w, name, w->v[i].sheet, sizeof(w->v[i].sheet));
    }
    if (!w->failed) {
        assumptions(w, assume);
        for (v = 0; v < n; v++) {
            vendor_sheet(w, vs[v], v);
        }
        scores_sheet(w, scores);
        summary_sheet(w, sum);
    }
    free(vs);
}

/*
 * The writer process. libxlsxwriter does not survive a failed allocation:
 * some it uses unchecked (an XML attribute, a formula's copy), some it
 * reports on standard error and goes on without (a format's key, a part
 * of the package), and its maintainer prefers the crash to a corrupt file
 * (jmcnamara/libxlsxwriter#345). So the workbook is made in a child
 * process that writes it to a file and ends with one of these codes; a
 * crash there costs the workbook, never the caller. Out of memory is
 * known by errno (ENOMEM after a call, or when it faults: its own
 * temporary files reset errno, so not at the end) and by libxlsxwriter's
 * message, read from the child's standard error. One failure it hides
 * from both: a frozen pane's <selection> (the cell a pane has selected),
 * allocated while the sheet is written, is left out when that allocation
 * fails, and tmpfileplus then sets errno to 0. The workbook then differs
 * only in which cell a pane shows selected; the allocation-failure sweep
 * allows that, and only that (docs/torture.md, "The workbook").
 */
enum {
    WRITER_OK = 0,
    WRITER_ENOMEM = 1, /* an allocation failed, whatever libxlsxwriter did next */
    WRITER_LXW = 2     /* + the lxw_error of any other failure */
};

/* What libxlsxwriter prints when an allocation it checks fails
 * (LXW_MEM_ERROR in its common.h). */
static const char lxw_oom_message[] = "Memory allocation failed";

/* In the writer process: a fault that follows a failed allocation (errno
 * still ENOMEM: libxlsxwriter used its NULL) is out of memory; any other
 * is a crash, the default action once the faulting instruction runs again
 * (or abort raises again). */
static int writer_result_fd = -1; /* in the writer process: see tell_result */

/* In the writer process: report @p code on the result pipe, then end
 * with it. The pipe, not only the exit code: a tool that checks a process
 * as it exits may change the code (valgrind's leak check, run in the
 * child too, sees the caller's whole heap there and exits 99). */
_Noreturn static void tell_result(int code)
{
    unsigned char c = (unsigned char)code;

    if (write(writer_result_fd, &c, 1) != 1) {
        code = WRITER_LXW + LXW_ERROR_CREATING_XLSX_FILE; /* the exit code still tells */
    }
    _exit(code);
}

static void writer_fault(int sig)
{
    if (errno == ENOMEM) {
        tell_result(WRITER_ENOMEM); /* write and _exit: async-signal-safe */
    }
    signal(sig, SIG_DFL);
}

/* What the writer process makes: a workbook with these properties,
 * filled by @p fill (one of the renderers of this module). */
struct xlsx_job {
    const lxw_doc_properties *props;
    lxw_error (*fill)(lxw_workbook *book, void *ctx);
    void *ctx;
};

/* In the writer process: make the workbook of @p job in @p path; the exit
 * code. */
static int write_workbook(const struct xlsx_job *job, const char *path, pid_t parent)
{
    static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    lxw_workbook_options opts = { LXW_FALSE, NULL, LXW_FALSE };
    lxw_workbook *book = NULL;
    struct sigaction sa;
    lxw_error e = LXW_NO_ERROR, closed = LXW_NO_ERROR;
    size_t i;

#if defined(__linux__)
    /* the caller gone (a signal removed its temporaries), this ends too,
     * through the same handler, rather than make the file again */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) {
        return WRITER_LXW + LXW_ERROR_CREATING_XLSX_FILE;
    }
#else
    (void)parent;
#endif
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = writer_fault;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
        sigaction(faults[i], &sa, NULL);
    }
    errno = 0; /* from here, ENOMEM means an allocation failed */
    book = workbook_new_opt(path, &opts);
    if (book == NULL) {
        return errno == ENOMEM ? WRITER_ENOMEM : WRITER_LXW + LXW_ERROR_CREATING_XLSX_FILE;
    }
    /* after each call, errno ENOMEM is a failed allocation whatever
     * libxlsxwriter reported (a zip error, or nothing), as check() does */
    e = workbook_set_properties(book, (lxw_doc_properties *)job->props);
    e = errno == ENOMEM ? LXW_ERROR_MEMORY_MALLOC_FAILED : e;
    if (e == LXW_NO_ERROR) {
        e = job->fill(book, job->ctx);
        e = errno == ENOMEM ? LXW_ERROR_MEMORY_MALLOC_FAILED : e;
    }
    if (e == LXW_NO_ERROR) {
        closed = workbook_close(book); /* writes the file */
        e = errno == ENOMEM ? LXW_ERROR_MEMORY_MALLOC_FAILED : closed;
    }
    /* after a failure the workbook is not closed: nothing is written, and
     * the process ends here anyway */
    if (e != LXW_NO_ERROR) {
        return e == LXW_ERROR_MEMORY_MALLOC_FAILED ? WRITER_ENOMEM : WRITER_LXW + (int)e;
    }
    return WRITER_OK;
}

/* Read @p fd to its end; whether libxlsxwriter's out-of-memory message
 * was in it (it may straddle two reads). */
static bool read_for_oom(int fd)
{
    char buf[4096 + sizeof(lxw_oom_message)];
    size_t kept = 0;
    bool seen = false;
    ssize_t n = 0;

    for (;;) {
        n = read(fd, buf + kept, sizeof(buf) - kept - 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return seen;
        }
        kept += (size_t)n;
        buf[kept] = '\0';
        /* the text has no NUL of its own; a stray one only hides a match */
        seen = seen || strstr(buf, lxw_oom_message) != NULL;
        if (kept >= sizeof(lxw_oom_message)) {
            memmove(buf, buf + kept - (sizeof(lxw_oom_message) - 1), sizeof(lxw_oom_message) - 1);
            kept = sizeof(lxw_oom_message) - 1;
        }
    }
}

/* Run write_workbook in a child process, its standard error read here,
 * and wait for it: CRM_OK when it wrote @p path. */
static crm_status write_workbook_apart(const struct xlsx_job *job, const char *path,
                                       crm_diags *diags)
{
    pid_t parent = getpid(), pid = 0;
    int status = 0, code = 0, err[2] = { -1, -1 }, result[2] = { -1, -1 };
    bool oom_said = false, told = false;
    unsigned char c = 0;
    ssize_t n = 0;

    if (pipe(err) != 0 || pipe(result) != 0) {
        int e = errno;

        close(err[0]);
        close(err[1]);
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "cannot start the process that writes the workbook: %s", strerror(e));
        return CRM_EIO;
    }
    pid = fork();
    if (pid < 0) {
        int e = errno;

        close(err[0]);
        close(err[1]);
        close(result[0]);
        close(result[1]);
        if (e == ENOMEM) {
            return CRM_ENOMEM;
        }
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "cannot start the process that writes the workbook: %s", strerror(e));
        return CRM_EIO;
    }
    if (pid == 0) {
        close(err[0]);
        close(result[0]);
        writer_result_fd = result[1];
        if (dup2(err[1], STDERR_FILENO) < 0) {
            tell_result(WRITER_LXW + LXW_ERROR_CREATING_XLSX_FILE);
        }
        close(err[1]);
        /* _exit: no atexit handler, no stdio buffer of the caller's flushed */
        tell_result(write_workbook(job, path, parent));
    }
    close(err[1]);
    close(result[1]);
    oom_said = read_for_oom(err[0]);
    close(err[0]);
    do {
        n = read(result[0], &c, 1);
    } while (n < 0 && errno == EINTR);
    told = n == 1;
    close(result[0]);
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                          "cannot learn whether the workbook was written: %s", strerror(errno));
            return CRM_EIO;
        }
    }
    if (!told && WIFSIGNALED(status)) {
        if (oom_said) {
            return CRM_ENOMEM;
        }
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "the workbook writer (libxlsxwriter) stopped with signal %d (%s)",
                      WTERMSIG(status), strsignal(WTERMSIG(status)));
        return CRM_EIO;
    }
    code = told ? c : WIFEXITED(status) ? WEXITSTATUS(status) : WRITER_OK;
    if (oom_said || code == WRITER_ENOMEM) {
        return CRM_ENOMEM;
    }
    if (code == WRITER_OK) {
        return CRM_OK;
    }
    crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "cannot write the workbook: %s",
                  lxw_strerror((lxw_error)(code - WRITER_LXW)));
    return CRM_EIO;
}

/* libxlsxwriter's callback: every sheet of the finance workbook. */
static lxw_error finance_fill(lxw_workbook *book, void *ctx)
{
    struct wb *w = ctx;

    w->book = book;
    build(w);
    w->book = NULL; /* crm__xlsx_render closes it */
    return w->failed ? w->error : LXW_NO_ERROR;
}

crm_status crm__xlsx_render(void **out, size_t *len, const lxw_doc_properties *props,
                            lxw_error (*fill)(lxw_workbook *book, void *ctx), void *ctx,
                            crm_diags *diags)
{
    struct xlsx_job job = { props, fill, ctx };
    struct crm_live *live = NULL;
    char tmpl[4096];
    const char *tmpdir = getenv("TMPDIR");
    int fd = -1;
    crm_status st = CRM_OK;
    struct crm_arena *arena = NULL;
    char *data = NULL;
    size_t size = 0;

    *out = NULL;
    *len = 0;
    /* libxlsxwriter writes to a file: a private temporary, removed on a
     * signal like every other (util/output.h), read back, then removed */
    snprintf(tmpl, sizeof(tmpl), "%s/crmeval-workbook", tmpdir && *tmpdir ? tmpdir : "/tmp");
    fd = crm__temp_create(tmpl, &live);
    if (fd < 0) {
        st = errno == ENOMEM ? CRM_ENOMEM : CRM_EIO;
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "cannot make a temporary file for the workbook in %s: %s",
                      tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
        goto done;
    }
    close(fd);
    st = write_workbook_apart(&job, crm__live_path(live), diags);
    if (st != CRM_OK) {
        goto done;
    }
    arena = crm__arena_new();
    if (arena == NULL) {
        st = CRM_ENOMEM;
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "out of memory");
        goto done;
    }
    st = crm__file_read(arena, crm__live_path(live), (size_t)1 << 31, &data, &size, diags);
    if (st == CRM_OK) {
        *out = malloc(size ? size : 1);
        if (*out == NULL) {
            st = CRM_ENOMEM;
            crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "out of memory");
        } else {
            memcpy(*out, data, size);
            *len = size;
        }
    }
done:
    if (live != NULL) {
        unlink(crm__live_path(live));
        crm__live_forget(live);
    }
    crm__arena_free(arena);
    return st;
}

crm_status crm_report_xlsx_render(void **out, size_t *len, const crm_result *res,
                                  crm_diags *diags)
{
    const struct crm_evaluation *ev = res->ev;
    struct wb w;
    lxw_doc_properties props;
    crm_status st = CRM_OK;

    *out = NULL;
    *len = 0;
    if (res->finance == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, ev->file, 0, 0,
                      "the evaluation has no 'finance' section: the workbook needs costs "
                      "and benefits (docs/finance.md)");
        return CRM_EINPUT;
    }
    memset(&w, 0, sizeof(w));
    w.res = res;
    w.ev = ev;
    w.zh = ev->language != NULL && strcmp(ev->language, "zh-CN") == 0;
    w.years = res->finance[0].years;
    w.v = calloc(res->vendor_count + 1, sizeof(*w.v));
    w.score_row = calloc(res->vendor_count + 1, sizeof(int));
    w.a_benefit = calloc(ev->finance.benefit_count + 1, sizeof(int));
    w.a_benefit_risk = calloc(ev->finance.benefit_count + 1, sizeof(int));
    if (w.v == NULL || w.score_row == NULL || w.a_benefit == NULL || w.a_benefit_risk == NULL) {
        st = CRM_ENOMEM;
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "out of memory");
    } else {
        memset(&props, 0, sizeof(props));
        props.title = (char *)ev->title;
        props.author = (char *)(ev->prepared_by ? ev->prepared_by : "crmeval");
        props.comments = (char *)"Made by crmeval: every figure is a formula over the inputs.";
        props.created = crm__xlsx_evaluation_time(ev);
        st = crm__xlsx_render(out, len, &props, finance_fill, &w, diags);
    }
    free(w.v);
    free(w.score_row);
    free(w.a_benefit);
    free(w.a_benefit_risk);
    return st;
}

crm_status crm_report_xlsx_add(crm_outputs *out, const crm_result *res, const char *path,
                               crm_diags *diags)
{
    return crm__report_add_rendered(out, crm_report_xlsx_render, res, path, "the workbook",
                                    diags);
}
