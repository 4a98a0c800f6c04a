import { sql, type Kysely } from 'kysely'

/**
 * Issue 3: relationships between the parties of one case ("张三 is 李四's spouse"). One row per
 * ordered pair: `party_id` stands in `relation` to `other_party_id`. Both parties belong to
 * `case_id` (checked by the core, which also refuses a party related to itself); removing a
 * party or the case removes its relations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('party_relation')
    .addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('party.id').onDelete('cascade'))
    .addColumn('other_party_id', 'text', (c) =>
      c.notNull().references('party.id').onDelete('cascade'),
    )
    .addColumn('relation', 'text', (c) =>
      c.notNull().check(
        sql`relation IN ('spouse', 'formerSpouse', 'cohabitant', 'parent', 'child', 'sibling',
          'grandparent', 'grandchild', 'guardian', 'ward', 'agentOf', 'representativeOf',
          'employee', 'other')`,
      ),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('party_relation_pk', ['party_id', 'other_party_id'])
    .addCheckConstraint('party_relation_notSelf', sql`party_id <> other_party_id`)
    .modifyEnd(sql`STRICT`)
    .execute()
  // The case file reads a case's relations; a deleted party cascades through the other side.
  await db.schema
    .createIndex('partyRelation_byCase')
    .on('party_relation')
    .columns(['case_id'])
    .execute()
  await db.schema
    .createIndex('partyRelation_byOther')
    .on('party_relation')
    .columns(['other_party_id'])
    .execute()
}
