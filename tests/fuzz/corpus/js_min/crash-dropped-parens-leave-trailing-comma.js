aÿÿTÙb…sÀlll/a,; x.; nf/=(a,)/a,; x.; nx.;(a,)1
