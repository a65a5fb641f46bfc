/* pyrs_main.c: the `pyrs` command line (placeholder until the front end lands). */
#include <stdio.h>

int
main(void)
{
    fprintf(stderr, "pyrs: not built yet\n");
    return 2;
}
