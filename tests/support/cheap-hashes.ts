// Jest runs this before each test file (jest.config.ts, setupFiles). Test users' passwords are
// hashed at a cost that protects nothing and takes microseconds instead of production's 100 ms
// or more; hashes carry their parameters, so sign-in verifies them as it would any other.
// tests/unit/passwords.test.ts checks production keeps its cost, and sign-in.test.ts that a
// stored hash has it when the real cost is put back.
import { setPasswordCostForTests } from '../../server/access/passwords';

setPasswordCostForTests('cheap');
