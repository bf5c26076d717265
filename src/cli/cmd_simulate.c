/* crmeval simulate EVALUATION.yaml : the uncertainty simulation. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* simulate's help: to stdout for --help, to stderr after a usage error. */
static void simulate_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval simulate [options] EVALUATION.yaml\n"
            "\n"
            "Draw every uncertain input (given as a distribution) N times, re-rank\n"
            "and re-project each time, and print each vendor's probability of\n"
            "ranking first, score and NPV percentiles and P(NPV > 0).\n"
            "\n"
            "  -n, --trials N        trials (default: the evaluation's, else 10000)\n"
            "  -s, --seed S          seed (default: the evaluation's, else 1)\n"
            "  -M, --method M        latin_hypercube (default) or monte_carlo\n"
            "  -T, --threads N       threads (default: one per core; results do not\n"
            "                        depend on it)\n"
            "  -j, --json PATH       also write the JSON report ('-' = stdout)\n"
            "  -F, --full-projection project every trial's cash flows in full, even\n"
            "                        when they are linear in the draws (slower; for\n"
            "                        checking: both agree to rounding)\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* A progress bar on a terminal, once the run has taken a second. */
struct progress_state {
    struct timespec start;
    bool shown;
};

/* The simulation's progress callback: a percentage line on stderr, only
 * when stderr is a terminal and only once a second has passed, so short
 * runs and redirected output stay clean. */
static void progress(size_t done, size_t total, void *payload)
{
    struct progress_state *pr = payload;
    struct timespec now;
    double elapsed = 0;

    if (!isatty(STDERR_FILENO)) {
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &now);
    elapsed = (double)(now.tv_sec - pr->start.tv_sec) +
              (double)(now.tv_nsec - pr->start.tv_nsec) / 1e9;
    if (elapsed < 1 && !pr->shown) {
        return;
    }
    pr->shown = true;
    fprintf(stderr, "\rsimulating: %3.0f%% (%zu of %zu trials)",
            100.0 * (double)done / (double)total, done, total);
    fflush(stderr);
}

static void progress_start(void *payload)
{
    struct progress_state *pr = payload;

    clock_gettime(CLOCK_MONOTONIC, &pr->start);
    pr->shown = false;
}

static void progress_end(void *payload)
{
    struct progress_state *pr = payload;

    if (pr->shown) {
        fprintf(stderr, "\r%50s\r", "");
    }
}

crm_status cli_simulate(crm_result *result, crm_simulate_options *so, crm_diags *diags)
{
    struct progress_state pr;
    crm_status st = CRM_OK;

    so->progress = progress;
    so->payload = &pr;
    progress_start(&pr);
    st = crm_result_simulate(result, so, diags);
    progress_end(&pr);
    return st;
}

/* crmeval simulate: check the options against their limits, load and
 * score, check the JSON path before the trials (never over an input), run
 * the simulation and print it, then commit the JSON. The exit code. */
int cmd_simulate(int argc, char **argv)
{
    static const struct option options[] = {
        { "trials", required_argument, NULL, 'n' },
        { "seed", required_argument, NULL, 's' },
        { "method", required_argument, NULL, 'M' },
        { "threads", required_argument, NULL, 'T' },
        { "json", required_argument, NULL, 'j' },
        { "full-projection", no_argument, NULL, 'F' },
        { "max-errors", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;
    const char *json_path = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_result *result = NULL;
    crm_outputs *outputs = NULL;
    char db[4096];
    crm_status st = CRM_OK;
    char *end = NULL;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":n:s:M:T:j:Fm:h", options, NULL)) != -1) {
        switch (opt) {
        case 'n':
            so.trials = strtoul(optarg, &end, 10);
            if (*end != '\0' || so.trials < CRM_MIN_TRIALS || so.trials > CRM_MAX_TRIALS) {
                return cli_usage_error("simulate", "--trials takes a whole number "
                                                   "from 100 to 10000000, got '%s'",
                                       optarg);
            }
            break;
        case 's':
            so.seed = strtoull(optarg, &end, 10);
            so.has_seed = true;
            if (*end != '\0' || optarg[0] == '-') {
                return cli_usage_error("simulate", "--seed takes a whole number, "
                                                   "got '%s'",
                                       optarg);
            }
            break;
        case 'M':
            if (strcmp(optarg, "latin_hypercube") == 0 || strcmp(optarg, "lhs") == 0) {
                so.method = CRM_SIM_LATIN_HYPERCUBE;
            } else if (strcmp(optarg, "monte_carlo") == 0 || strcmp(optarg, "mc") == 0) {
                so.method = CRM_SIM_MONTE_CARLO;
            } else {
                return cli_usage_error("simulate", "--method is latin_hypercube or "
                                                   "monte_carlo, got '%s'",
                                       optarg);
            }
            break;
        case 'T':
            so.threads = strtoul(optarg, &end, 10);
            if (*end != '\0' || so.threads < 1 || so.threads > 8) {
                return cli_usage_error("simulate", "--threads takes 1 to 8, got '%s'",
                                       optarg);
            }
            break;
        case 'j':
            json_path = optarg;
            break;
        case 'F':
            so.full_projection = true;
            break;
        case 'h':
            simulate_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("simulate", opt, argv, &max_errors)) != CLI_EXIT_OK) {
                return code;
            }
            break;
        }
    }
    if (!cli_one_arg("simulate", "evaluation file", argc, simulate_usage)) {
        return CLI_EXIT_INPUT;
    }
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = cli_load_result(argv[optind], diags, &ev, &result);
    if (st == CRM_OK && json_path != NULL) {
        /* checked before the trials: never over a file the run reads */
        st = cli_outputs_new(ev, crm_workspace_db(argv[optind], NULL, db, sizeof(db)), &outputs,
                             diags);
        if (st == CRM_OK) {
            st = crm_outputs_check(outputs, json_path, "the JSON report", diags);
        }
    }
    if (st == CRM_OK) {
        st = cli_simulate(result, &so, diags);
    }
    if (st == CRM_OK) {
        crm_report_simulation_text(result, stdout);
        if (json_path != NULL) {
            st = crm_report_json_add(outputs, result, json_path, diags);
        }
        if (st == CRM_OK && json_path != NULL) {
            st = crm_outputs_commit(outputs, diags);
        }
    }
    code = cli_flush_stdout(cli_print_diags(diags, st));
    crm_outputs_free(outputs);
    crm_result_free(result);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return code;
}
