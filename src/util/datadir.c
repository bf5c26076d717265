/*
 * Where crmeval's bundled data live (include/crmeval/evaluation.h,
 * crm_set_data_dir): criteria sets, weight profiles, vendor profiles and
 * report templates. The library is told by its program; until then it
 * assumes the directory it was installed to, or, in a build tree that was
 * never installed, the source tree it was built from.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/evaluation.h"

#ifndef CRMEVAL_INSTALL_DATA_DIR
#define CRMEVAL_INSTALL_DATA_DIR "/usr/local/share/crmeval"
#endif

static char *data_dir; /* set by crm_set_data_dir, owned here */

crm_status crm_set_data_dir(const char *dir)
{
    char *copy = NULL;

    if (dir != NULL && (copy = strdup(dir)) == NULL) {
        return CRM_ENOMEM;
    }
    free(data_dir);
    data_dir = copy;
    return CRM_OK;
}

const char *crm_data_dir(void)
{
    if (data_dir != NULL) {
        return data_dir;
    }
#ifdef CRMEVAL_SOURCE_DATA_DIR
    /* not installed yet: the tests and the build tree's binary */
    if (access(CRMEVAL_INSTALL_DATA_DIR "/criteria", F_OK) != 0 &&
        access(CRMEVAL_SOURCE_DATA_DIR "/criteria", F_OK) == 0) {
        return CRMEVAL_SOURCE_DATA_DIR;
    }
#endif
    return CRMEVAL_INSTALL_DATA_DIR;
}
