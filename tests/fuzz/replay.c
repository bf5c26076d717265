/*
 * Replay inputs through a harness without libFuzzer: each argument is a
 * file, or a directory whose files are read in name order. The regression
 * inputs of tests/fuzz/regressions run so in every build (ctest
 * fuzz.replay.*), under ASan and UBSan in the sanitizer build.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run the harness on the file at @p path; false when it cannot be read. */
static bool replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *data = NULL;
    long size = 0;
    bool ok = false;

    if (fp != NULL && fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1)) != NULL &&
        fread(data, 1, (size_t)size, fp) == (size_t)size) {
        printf("%s\n", path);
        fflush(stdout);
        LLVMFuzzerTestOneInput(data, (size_t)size);
        ok = true;
    }
    free(data);
    if (fp != NULL) {
        fclose(fp);
    }
    return ok;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
    int i, k, n, failed = 0;

    for (i = 1; i < argc; i++) {
        struct stat st;
        struct dirent **names = NULL;

        if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            failed += !replay_file(argv[i]);
            continue;
        }
        n = scandir(argv[i], &names, NULL, by_name);
        for (k = 0; k < n; k++) {
            char path[4096];

            if (names[k]->d_name[0] != '.') {
                snprintf(path, sizeof(path), "%s/%s", argv[i], names[k]->d_name);
                failed += !replay_file(path);
            }
            free(names[k]);
        }
        free(names);
        failed += n < 0;
    }
    return failed == 0 ? 0 : 1;
}
