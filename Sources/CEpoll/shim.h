// Linux epoll, which Swift's Glibc module does not include. Headers only: nothing to link.
#include <sys/epoll.h>
