/**
 * The database a request uses: the D1 binding itself, or a D1 Sessions API session over it (read
 * replication, issue 12 item 8). Both have prepare and batch, all that worker/db/ uses; a session
 * keeps its queries sequentially consistent and reports the bookmark of the newest state it saw.
 */
export type Db = D1Database | D1DatabaseSession;
