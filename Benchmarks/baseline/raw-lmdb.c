/*
 * raw-lmdb.c: the same work as the Appends and Reads benchmarks, in C straight on
 * liblmdb, to tell what the disk and LMDB allow on the machine at hand (fsync cost
 * varies a lot between machines and moments). No encoding, no hash, 350-byte values.
 *
 *   cc -O2 raw-lmdb.c -llmdb -o /tmp/raw-lmdb && mkdir -p /tmp/raw-db && /tmp/raw-lmdb /tmp/raw-db
 *
 * Prints: single-record durable commits/s; 100,000-record transactions with three
 * tag index entries per record, in the layout of store format 1 (one key
 * `tag 0 position` an entry) and in that of format 2 (sorted duplicates, tag ->
 * positions, grouped by tag with MDB_MULTIPLE as the log writes them), the same in
 * 100 transactions of 1,000 records, then without tags; a cursor scan.
 */
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
#define CK(x) do{int rc=(x); if(rc){fprintf(stderr,"%s: %s\n",#x,mdb_strerror(rc));exit(1);}}while(0)
// One durable transaction of `count` records in format 2's layout: each SIM tag one
// put through a cursor, each reseller and group tag one MDB_MULTIPLE put of its
// positions (ascending).
static void format2(MDB_env*env,MDB_dbi ev,MDB_dbi dup,uint64_t*pos,int count,const char*simFormat,char*val){
  static uint64_t grouped[100000]; MDB_txn*t; CK(mdb_txn_begin(env,0,0,&t)); MDB_cursor*c; CK(mdb_cursor_open(t,dup,&c));
  uint64_t first=*pos+1;
  for(int i=0;i<count;i++){ uint64_t p=++*pos; uint64_t k=__builtin_bswap64(p); MDB_val K={8,&k},V={350,val}; CK(mdb_put(t,ev,&K,&V,MDB_APPEND));
    char tk[64]; int l=sprintf(tk,simFormat,(int)(p%100000)); MDB_val T={l,tk},P={8,&k}; CK(mdb_cursor_put(c,&T,&P,MDB_APPENDDUP));
  }
  for(int g=0;g<54;g++){ int n=0; char tk[64];
    for(uint64_t p=first;p<=*pos;p++) if(g<4?(int)(p%4)==g:(int)(p%50)==g-4) grouped[n++]=__builtin_bswap64(p);
    int l=g<4?sprintf(tk,"reseller:R%d",g):sprintf(tk,"group:AC_%d",g-4);
    MDB_val T={l,tk}; MDB_val D[2]={{8,grouped},{n,0}}; CK(mdb_cursor_put(c,&T,D,MDB_MULTIPLE|MDB_APPENDDUP)); }
  mdb_cursor_close(c); CK(mdb_txn_commit(t));
}
int main(int argc,char**argv){
  if(argc<2){fprintf(stderr,"usage: raw-lmdb <empty directory>\n");return 64;}
  MDB_env*env; CK(mdb_env_create(&env)); mdb_env_set_mapsize(env,1UL<<32); mdb_env_set_maxdbs(env,8);
  CK(mdb_env_open(env,argv[1],MDB_NOTLS,0600));
  MDB_txn*t; MDB_dbi ev,tg,dup; CK(mdb_txn_begin(env,0,0,&t)); CK(mdb_dbi_open(t,"events",MDB_CREATE,&ev)); CK(mdb_dbi_open(t,"tags",MDB_CREATE,&tg));
  CK(mdb_dbi_open(t,"tags2",MDB_CREATE|MDB_DUPSORT|MDB_DUPFIXED,&dup)); CK(mdb_txn_commit(t));
  char val[350]; memset(val,'x',350);
  uint64_t pos=0; int n=3000; double s=now();
  for(int i=0;i<n;i++){ CK(mdb_txn_begin(env,0,0,&t)); pos++; uint64_t k=__builtin_bswap64(pos); MDB_val K={8,&k},V={350,val}; CK(mdb_put(t,ev,&K,&V,MDB_APPEND)); CK(mdb_txn_commit(t)); }
  double e=now()-s; printf("single durable commits: %.0f/s\n", n/e);
  // bulk 100k with 3 tags
  for(int r=0;r<3;r++){ s=now(); CK(mdb_txn_begin(env,0,0,&t));
  for(int i=0;i<100000;i++){ pos++; uint64_t k=__builtin_bswap64(pos); MDB_val K={8,&k},V={350,val}; CK(mdb_put(t,ev,&K,&V,MDB_APPEND));
    char tk[64]; int l; MDB_val E={0,0};
    l=sprintf(tk,"sim:89445300000%08d",(int)(pos%100000)); tk[l]=0; memcpy(tk+l+1,&k,8); MDB_val T={l+9,tk}; CK(mdb_put(t,tg,&T,&E,0));
    l=sprintf(tk,"reseller:R%d",(int)(pos%4)); tk[l]=0; memcpy(tk+l+1,&k,8); T.mv_size=l+9; CK(mdb_put(t,tg,&T,&E,0));
    l=sprintf(tk,"group:AC_%d",(int)(pos%50)); tk[l]=0; memcpy(tk+l+1,&k,8); T.mv_size=l+9; CK(mdb_put(t,tg,&T,&E,0));
  }
  CK(mdb_txn_commit(t)); e=now()-s; printf("bulk 100k + 3 tags (format 1): %.0f events/s\n", 100000/e);}
  // The same with format 2's index, three transactions of 100,000 records, then 100
  // durable transactions of 1,000 (a box of SIMs, as the harness's batches of 1,000).
  for(int r=0;r<3;r++){ s=now(); format2(env,ev,dup,&pos,100000,"sim:89445300000%08d",val);
    e=now()-s; printf("bulk 100k + 3 tags (format 2): %.0f events/s\n", 100000/e);}
  s=now(); for(int b=0;b<100;b++) format2(env,ev,dup,&pos,1000,"sim:89445310000%08d",val);
  e=now()-s; printf("bulk 1k x 100 + 3 tags (format 2): %.0f events/s\n", 100000/e);
  s=now(); CK(mdb_txn_begin(env,0,0,&t));
  for(int i=0;i<100000;i++){ pos++; uint64_t k=__builtin_bswap64(pos); MDB_val K={8,&k},V={350,val}; CK(mdb_put(t,ev,&K,&V,MDB_APPEND));}
  CK(mdb_txn_commit(t)); e=now()-s; printf("bulk 100k no tags: %.0f events/s\n", 100000/e);
  // scan
  s=now(); CK(mdb_txn_begin(env,0,MDB_RDONLY,&t)); MDB_cursor*c; mdb_cursor_open(t,ev,&c); MDB_val K,V; long cnt=0; size_t sum=0;
  while(mdb_cursor_get(c,&K,&V,cnt?MDB_NEXT:MDB_FIRST)==0){cnt++; sum+=((unsigned char*)V.mv_data)[0];}
  e=now()-s; printf("scan: %.0f/s (%ld)\n", cnt/e,cnt); mdb_txn_abort(t);
  return 0;
}
