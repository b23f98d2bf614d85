import { describe, expect, it } from 'vitest';
import { LOCAL_ERROR_CODES, errorFromBody } from './errors';

describe('errorFromBody', () => {
  it('reads the JSON error array', () => {
    const error = errorFromBody(400, [
      { message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] },
    ]);
    expect(error).toMatchObject({ status: 400, errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
    expect(error.message).toBe('Required fields are missing: [LastName]');
  });

  it('keeps the root cause of an all-or-none failure, not PROCESSING_HALTED', () => {
    const error = errorFromBody(400, [
      {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      },
      { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Amount must be positive', fields: ['Amount'] },
    ]);
    expect(error.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(error.all).toHaveLength(2);
  });

  it('lists the records of DUPLICATES_DETECTED', () => {
    const error = errorFromBody(400, [
      {
        duplicateResult: {
          allowSave: true,
          matchResults: [
            {
              entityType: 'Contact',
              matchRecords: [{ record: { attributes: { type: 'Contact', url: '/x' }, Id: '003aj000002oTldAAE' } }],
            },
          ],
        },
        errorCode: 'DUPLICATES_DETECTED',
        message: 'Use one of these records?',
      },
    ]);
    expect(error.duplicates).toEqual([{ id: '003aj000002oTldAAE', type: 'Contact' }]);
  });

  it('reads collection errors that use statusCode, and plain-text bodies', () => {
    expect(errorFromBody(400, { statusCode: 'MALFORMED_ID', message: 'bad id', fields: ['Id'] }).errorCode).toBe(
      'MALFORMED_ID',
    );
    const text = errorFromBody(403, null, 'Bad_OAuth_Token');
    expect(text).toMatchObject({ errorCode: LOCAL_ERROR_CODES.unexpected, message: 'Bad_OAuth_Token' });
  });
});
