/* Tarjan's strongly connected components, iterative (sites can have long
 * reference chains; no recursion depth to worry about). */
#include <assetopt/site.h>

#include <string.h>

size_t ao_graph_scc(size_t n, const size_t *start, const size_t *adj,
                    size_t *comp)
{
  if(n == 0)
    return 0;
  const size_t NONE = (size_t)-1;
  size_t *index = ao_malloc(n * sizeof(size_t));
  size_t *low = ao_malloc(n * sizeof(size_t));
  size_t *stack = ao_malloc(n * sizeof(size_t));
  size_t *call = ao_malloc(n * sizeof(size_t));  /* DFS: node */
  size_t *edge = ao_malloc(n * sizeof(size_t));  /* DFS: next edge */
  unsigned char *on = ao_malloc(n);
  size_t ncomp = 0;
  if(!index || !low || !stack || !call || !edge || !on)
    goto done;
  for(size_t i = 0; i < n; i++)
    index[i] = NONE;
  memset(on, 0, n);
  size_t next = 0, sp = 0;
  for(size_t root = 0; root < n; root++) {
    if(index[root] != NONE)
      continue;
    size_t depth = 0;
    call[depth] = root;
    edge[depth] = start[root];
    index[root] = low[root] = next++;
    stack[sp++] = root;
    on[root] = 1;
    while(depth != NONE) {
      size_t v = call[depth];
      if(edge[depth] < start[v + 1]) {
        size_t w = adj[edge[depth]++];
        if(index[w] == NONE) {
          depth++;
          call[depth] = w;
          edge[depth] = start[w];
          index[w] = low[w] = next++;
          stack[sp++] = w;
          on[w] = 1;
        }
        else if(on[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if(low[v] == index[v]) {
        size_t w;
        do {
          w = stack[--sp];
          on[w] = 0;
          comp[w] = ncomp;
        } while(w != v);
        ncomp++;
      }
      depth = depth ? depth - 1 : NONE;
      if(depth != NONE && low[v] < low[call[depth]])
        low[call[depth]] = low[v];
    }
  }
done:
  ao_free(index);
  ao_free(low);
  ao_free(stack);
  ao_free(call);
  ao_free(edge);
  ao_free(on);
  return ncomp;
}
