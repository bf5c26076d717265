/*
 * Kendall's tau-b between two rankings (score/score.h): how far the
 * TOPSIS order agrees with the weighted sum's (analysis), and each panel
 * role's order with the overall one (score/panel.c).
 */
#include <math.h>
#include <stddef.h>

#include "score/score.h"

/*
 * Kendall's tau-b of the score vectors @p a and @p b (n entries, higher
 * is better): (concordant - discordant) / sqrt((pairs - ties in a) x
 * (pairs - ties in b)), so ties on either side are allowed; 1 when either
 * vector is constant or n < 2 (nothing to disagree about).
 */
double crm__kendall_tau_b(const double *a, const double *b, size_t n)
{
    double concordant = 0, discordant = 0, ties_a = 0, ties_b = 0, pairs = 0;
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            double da = a[i] - a[j], db = b[i] - b[j];

            pairs++;
            if (da == 0 && db == 0) {
                ties_a++;
                ties_b++;
            } else if (da == 0) {
                ties_a++;
            } else if (db == 0) {
                ties_b++;
            } else if ((da > 0) == (db > 0)) {
                concordant++;
            } else {
                discordant++;
            }
        }
    }
    if (pairs == 0 || pairs == ties_a || pairs == ties_b) {
        return 1;
    }
    return (concordant - discordant) / sqrt((pairs - ties_a) * (pairs - ties_b));
}
