''{''}{{''}export class:(e{}
r);({})}