/* assetopt image FILE: one PNG or JPEG recompressed, optionally a WebP. */
#include "cli.h"

#include <assetopt/image.h>
#include <assetopt/kind.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
  "usage: assetopt image [FILE|-] [-o OUT] [options]\n"
  "  -o, --output FILE      write here (default: standard output)\n"
  "      --lossy            allow lossy recompression (PNG palette, JPEG re-encode)\n"
  "      --quality Q        lossy quality 1..100 (default 80)\n"
  "      --quality-min Q    lossy PNG: skip the palette below this (default Q-15)\n"
  "      --keep-metadata    keep EXIF, XMP, text and other metadata\n"
  "  -e, --effort N         0 fast .. 9 smallest (default 5)\n"
  "      --max-pixels N     refuse larger images (default 100000000)\n"
  "      --webp FILE        also write a WebP version here\n"
  "      --webp-quality Q   lossy WebP quality (default 80)\n"
  "      --webp-mode M      auto (default), lossy or lossless\n"
  "  -q, --quiet            print errors only\n";

static int parse_int(const char *s, long lo, long hi, long *v)
{
  char *end;
  long n = strtol(s, &end, 10);
  if(!*s || *end || n < lo || n > hi)
    return 0;
  *v = n;
  return 1;
}

static int report(const char *input, ao_diags *d, ao_status s, int quiet)
{
  cli_print_diags(d, quiet);
  if(s && !d->errors)
    cli_error("image", "%s: %s", input, ao_status_str(s));
  return cli_exit_code(s);
}

int cmd_image(int argc, char **argv)
{
  static const struct option longopts[] = {
    { "output", required_argument, NULL, 'o' },
    { "lossy", no_argument, NULL, 'L' },
    { "quality", required_argument, NULL, 'Q' },
    { "quality-min", required_argument, NULL, 'm' },
    { "keep-metadata", no_argument, NULL, 'K' },
    { "effort", required_argument, NULL, 'e' },
    { "max-pixels", required_argument, NULL, 'P' },
    { "webp", required_argument, NULL, 'W' },
    { "webp-quality", required_argument, NULL, 'w' },
    { "webp-mode", required_argument, NULL, 'M' },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  ao_image_opts o;
  ao_image_opts_init(&o);
  const char *output = NULL, *webp = NULL;
  int quiet = 0, c;
  long v;
  optind = 1;
  while((c = getopt_long(argc, argv, "o:e:qh", longopts, NULL)) != -1) {
    switch(c) {
    case 'o': output = optarg; break;
    case 'L': o.lossy = 1; break;
    case 'K': o.keep_metadata = 1; break;
    case 'W': webp = optarg; break;
    case 'q': quiet = 1; break;
    case 'Q':
      if(!parse_int(optarg, 1, 100, &v))
        return cli_usage(usage_text);
      o.quality = (int)v;
      break;
    case 'm':
      if(!parse_int(optarg, 0, 100, &v))
        return cli_usage(usage_text);
      o.quality_min = (int)v;
      break;
    case 'e':
      if(!parse_int(optarg, 0, 9, &v))
        return cli_usage(usage_text);
      o.effort = (int)v;
      break;
    case 'P':
      if(!parse_int(optarg, 1, 0x7fffffffL, &v))
        return cli_usage(usage_text);
      o.max_pixels = (uint64_t)v;
      break;
    case 'w':
      if(!parse_int(optarg, 1, 100, &v))
        return cli_usage(usage_text);
      o.webp_quality = (int)v;
      break;
    case 'M':
      if(!strcmp(optarg, "auto")) o.webp_mode = AO_WEBP_AUTO;
      else if(!strcmp(optarg, "lossy")) o.webp_mode = AO_WEBP_LOSSY;
      else if(!strcmp(optarg, "lossless")) o.webp_mode = AO_WEBP_LOSSLESS;
      else return cli_usage(usage_text);
      break;
    case 'h': fputs(usage_text, stdout); return EXIT_OK_;
    default: return cli_usage(usage_text);
    }
  }
  if(argc - optind > 1)
    return cli_usage(usage_text);
  if(o.quality_min > o.quality) {
    cli_error("image", "--quality-min %d is above --quality %d", o.quality_min,
              o.quality);
    return EXIT_USAGE;
  }
  const char *input = optind < argc ? argv[optind] : "-";
  const char *shown = strcmp(input, "-") ? input : "<stdin>";
  ao_buf in = AO_BUF_INIT(0), out = AO_BUF_INIT(0), wb = AO_BUF_INIT(0);
  int rc = cli_read_input("image", input, &in);
  if(rc)
    goto done;
  ao_kind kind = ao_image_sniff(in.data, in.len);
  ao_diags d;
  ao_diags_init(&d, shown, NULL, 0);
  if(kind == AO_KIND_OTHER) {
    ao_kind byname = ao_kind_from_path(input);
    if(byname == AO_KIND_GIF || byname == AO_KIND_WEBP ||
       byname == AO_KIND_AVIF || byname == AO_KIND_BMP ||
       byname == AO_KIND_TIFF || byname == AO_KIND_ICO) {
      /* other image formats pass through */
      if(!quiet)
        fprintf(stderr, "%s: note: %s images are copied unchanged\n", shown,
                ao_kind_name(byname));
      rc = cli_write_output("image", output, in.data, in.len);
    }
    else {
      ao_diag_add(&d, AO_ERROR, 0, "not a PNG or JPEG image");
      rc = report(shown, &d, AO_SYNTAX, quiet);
    }
    ao_diags_free(&d);
    goto done;
  }
  ao_status s = ao_image_optimize(kind, in.data, in.len, &o, &out, &d);
  if(s) {
    rc = report(shown, &d, s, quiet);
    ao_diags_free(&d);
    goto done;
  }
  if(webp) {
    s = ao_image_webp(kind, in.data, in.len, &o, &wb, &d);
    if(s) {
      rc = report(shown, &d, s, quiet);
      ao_diags_free(&d);
      goto done;
    }
  }
  cli_print_diags(&d, quiet);
  ao_diags_free(&d);
  const ao_buf *res = out.len ? &out : &in;
  rc = cli_write_output("image", output, res->data, res->len);
  if(!rc && webp)
    rc = cli_write_output("image", webp, wb.data, wb.len);
  if(!rc && !quiet && output && strcmp(output, "-")) {
    char a[32], b[32];
    fprintf(stderr, "%s: %s -> %s (%.1f%%)", shown, cli_human_size(in.len, a),
            cli_human_size(res->len, b),
            in.len ? 100.0 * ((double)res->len - (double)in.len) / (double)in.len : 0.0);
    if(webp) {
      char w[32];
      fprintf(stderr, ", webp %s", cli_human_size(wb.len, w));
    }
    fputc('\n', stderr);
  }
done:
  ao_buf_free(&in);
  ao_buf_free(&out);
  ao_buf_free(&wb);
  return rc;
}
