/**
 * @file rfi.h
 * Questionnaires to vendors (docs/rfi.md): an RFI per vendor of an
 * evaluation, written as a workbook (.xlsx), CSV or YAML, and the
 * vendors' answers read back, checked against the criteria by the same
 * rules as a vendor profile's values, and recorded as vendor claims.
 *
 * Ownership: a crm_rfi_answers list owns copies of every string added to
 * it; crm_rfi_answers_free frees them. Entries returned by
 * crm_rfi_answers_at are borrowed from the list.
 */
#ifndef CRMEVAL_RFI_H
#define CRMEVAL_RFI_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"
#include "crmeval/evaluation.h"
#include "crmeval/output.h"
#include "crmeval/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The form a questionnaire takes. */
typedef enum crm_rfi_format {
    CRM_RFI_XLSX, /**< a workbook: validation lists, locked questions, instructions */
    CRM_RFI_CSV,  /**< UTF-8 with a byte-order mark, RFC 4180 */
    CRM_RFI_YAML  /**< `kind: rfi`, one entry per criterion */
} crm_rfi_format;

/** The language of the questions. */
typedef enum crm_rfi_language {
    CRM_RFI_LANG_EVALUATION, /**< the evaluation's `language` (English by default) */
    CRM_RFI_LANG_EN,
    CRM_RFI_LANG_ZH,         /**< Simplified Chinese (zh-CN) */
    CRM_RFI_LANG_BOTH        /**< English and Simplified Chinese side by side */
} crm_rfi_language;

/** What crm_rfi_write writes. */
typedef struct crm_rfi_options {
    crm_rfi_format format;
    crm_rfi_language language;
    bool missing;       /**< only the criteria the vendor has no value for */
    const char *vendor; /**< only this vendor's questionnaire; NULL: every vendor */
} crm_rfi_options;

/**
 * Add to @p out one questionnaire per vendor of @p result's evaluation
 * (or only @p opts->vendor), in directory @p dir as
 * "<vendor id>-rfi.xlsx" (".csv", ".yaml"): every criterion that carries
 * weight (not one crmeval derives from pricing), or only those still
 * missing, grouped by criterion group, each with its question, the answer
 * expected (kind, scale or options), what counts as evidence, the value
 * the evaluation has now, and empty fields for the answer, the evidence
 * (URL, document, page) and a comment. The same inputs give the same
 * bytes (a workbook is dated with the evaluation's date).
 * crm_outputs_commit puts them in place together.
 * @return CRM_OK; CRM_EUSAGE (an unknown vendor); CRM_EINPUT (a protected
 *         file); CRM_EIO; CRM_ENOMEM.
 */
crm_status crm_rfi_write(crm_outputs *out, const crm_result *result, const char *dir,
                         const crm_rfi_options *opts, crm_diags *diags);

/** One answer of a vendor to one question, as entered. */
typedef struct crm_rfi_answer {
    const char *vendor;            /**< vendor id */
    const char *criterion;         /**< "group.criterion" */
    const char *value;             /**< the answer as entered */
    bool plain;                    /**< not a quoted YAML string (CSV and XLSX: true) */
    const char *evidence_url;      /**< or NULL */
    const char *evidence_document; /**< or NULL */
    const char *evidence_page;     /**< or NULL */
    const char *comment;           /**< or NULL */
    const char *respondent;        /**< who answered, or NULL */
    const char *answered_at;       /**< UTC date, ISO 8601; or NULL (not yet stored) */
    const char *file;              /**< where it was entered: "a.csv", "a.xlsx:Sheet" */
    unsigned line, column;         /**< of the answer (a workbook: row and column) */
    /** of the vendor, the criterion and the evidence page; 0: at the answer */
    unsigned vendor_line, vendor_column, criterion_line, criterion_column;
    unsigned url_line, url_column, page_line, page_column;
} crm_rfi_answer;

typedef struct crm_rfi_answers crm_rfi_answers;

/** An empty list; NULL when out of memory. */
crm_rfi_answers *crm_rfi_answers_new(void);
/** NULL is a no-op. */
void crm_rfi_answers_free(crm_rfi_answers *answers);
/** Append a copy of @p answer. @return CRM_OK or CRM_ENOMEM. */
crm_status crm_rfi_answers_add(crm_rfi_answers *answers, const crm_rfi_answer *answer);
size_t crm_rfi_answers_count(const crm_rfi_answers *answers);
const crm_rfi_answer *crm_rfi_answers_at(const crm_rfi_answers *answers, size_t i);

/**
 * Read the answers of a filled-in questionnaire into @p answers: a
 * workbook (.xlsx), CSV (.csv) or YAML (`kind: rfi`). Questions left
 * without an answer are skipped. @p respondent (may be NULL) applies to
 * answers that do not name their own. Every problem of the file's form is
 * reported with its place: file:line:column, or for a workbook
 * file:sheet:row:column.
 * @return CRM_OK; CRM_EINPUT; CRM_EIO; CRM_ENOMEM.
 */
crm_status crm_rfi_read(crm_rfi_answers *answers, const char *path, const char *respondent,
                        crm_diags *diags);

/**
 * Check every answer of @p answers against @p ev: a vendor of the
 * evaluation, a criterion of its set a vendor can answer (not one crmeval
 * derives), a value of the criterion's kind and scale (the rules of a
 * vendor profile's values, model/value.c), one answer per vendor and
 * criterion, a respondent, an evidence URL that is http(s), an evidence
 * page that is a page number or range.
 * @return CRM_OK, or CRM_EINPUT with every problem at the answer's place.
 */
crm_status crm_evaluation_check_answers(const crm_evaluation *ev, const crm_rfi_answers *answers,
                                        crm_diags *diags);

/**
 * Make the vendor claims @p answers (checked) the values @p ev is scored
 * on: each replaces the vendor profile's value for its criterion, with
 * its evidence (kind vendor_claim, the respondent, the date, the URL or
 * document and page). Panel scores applied afterwards override a claim.
 * @p source names the database the claims came from, for the report.
 * Claims for vendors or criteria no longer in the evaluation are skipped
 * with one warning.
 * @return CRM_OK, CRM_EINPUT, CRM_ENOMEM.
 */
crm_status crm_evaluation_set_claims(crm_evaluation *ev, const crm_rfi_answers *answers,
                                     const char *source, crm_diags *diags);

/**
 * Add to @p out, for every vendor of @p ev that @p answers (checked)
 * answer, its vendor profile updated with the claims, in directory @p dir
 * under the original's file name: each answered criterion's entry in
 * `values:` replaced by the claim (its value, and evidence of kind
 * vendor_claim with the URL or document and page, today's date and the
 * respondent), the criteria the profile lacked appended at the end of
 * `values:`, the rest of the file (comments included) as written. The
 * original is replaced only if @p out does not protect it
 * (crm_evaluation_protect_inputs protects it).
 * @return CRM_OK; CRM_EINPUT (a protected file; `values` written on one
 *         line); CRM_EIO; CRM_ENOMEM.
 */
crm_status crm_rfi_profiles_add(crm_outputs *out, const crm_evaluation *ev,
                                const crm_rfi_answers *answers, const char *dir,
                                crm_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
