/* Lookups over the model. */
#include "model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void mark_report(crm_diags *diags, crm_severity sev,
                        const struct crm_mark *mark, const char *fmt,
                        va_list ap)
{
    char msg[1024];

    vsnprintf(msg, sizeof(msg), fmt, ap);
    if (mark == NULL) {
        crm_diags_add(diags, sev, NULL, 0, 0, "%s", msg);
    } else {
        crm_diags_add(diags, sev, mark->file, mark->line, mark->column, "%s",
                      msg);
    }
}

void crm__mark_error(crm_diags *diags, const struct crm_mark *mark,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_report(diags, CRM_SEV_ERROR, mark, fmt, ap);
    va_end(ap);
}

void crm__mark_warning(crm_diags *diags, const struct crm_mark *mark,
                       const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_report(diags, CRM_SEV_WARNING, mark, fmt, ap);
    va_end(ap);
}

bool crm__set_find(const struct crm_criteria_set *set, const char *path,
                   size_t *index)
{
    return crm__strmap_get(&set->by_path, path, index);
}

bool crm__criterion_option(const struct crm_criterion *c, const char *id,
                           size_t *index)
{
    size_t i;

    for (i = 0; i < c->option_count; i++) {
        if (strcmp(c->options[i].id, id) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

const char *crm__option_list(const struct crm_criterion *c, char *buf,
                             size_t size)
{
    size_t len = 0, i;

    buf[0] = '\0';
    for (i = 0; i < c->option_count && len < size; i++) {
        int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                         c->options[i].id);

        if (n < 0) {
            break;
        }
        len += (size_t)n;
    }
    return buf;
}

const char *crm__kind_name(enum crm_kind kind)
{
    switch (kind) {
    case CRM_KIND_RATING:
        return "rating";
    case CRM_KIND_BOOLEAN:
        return "boolean";
    case CRM_KIND_NUMBER:
        return "number";
    case CRM_KIND_CHOICE:
        return "choice";
    }
    return "?";
}
