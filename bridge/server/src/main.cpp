#include "jji/bridge/server/JjiServer.h"

#include <malloc.h>

int main(int argc, char** argv)
{
    // glibc gives freed memory back to the kernel as soon as 128 kB sit free at the top of a
    // heap, so serving a stored result (tens of kB copied a few times) paid page faults on
    // every request: 2,900 against 6,300 req/s for a 70 kB result (jji_bench_http). Memory is
    // now kept for reuse up to 64 MB per arena; blocks of 4 MB and more (reports, archives)
    // are still mapped on their own and returned when freed.
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    jji::bridge::JjiServer server;
    return server.run(argc, argv);
}
